package org.btcmp.mpgen.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a schema file into statements of tokens, as the Cap'n Proto lexer does. */
final class Lexer {
    private static final String OPERATOR_CHARS = "!$%&*+-./:<=>?@^|~";
    private final SourceFile source;
    private final byte[] in;
    private int pos;
    /** The furthest byte any attempt read; capnp reports a lexing failure there. */
    private int best;

    /** Thrown to unwind after an error has been recorded in the source file. */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super(null, null, false, false);
        }
    }

    Lexer(SourceFile source) {
        this.source = source;
        this.in = source.bytes();
    }

    /** All top-level statements, or null after recording a parse error. */
    List<Statement> statements() {
        try {
            List<Statement> result = statementSequence();
            if (pos < in.length) {
                fail(pos);
            }
            return result;
        } catch (Abort e) {
            return null;
        }
    }

    private void fail(int at) {
        source.error(Math.max(at, best), "Parse error.");
        throw new Abort();
    }

    private List<Statement> statementSequence() {
        List<Statement> result = new ArrayList<>();
        skipSpace();
        while (pos < in.length && in[pos] != '}') {
            int start = pos;
            List<Token> tokens = tokenSequence();
            if (pos >= in.length) {
                fail(pos);
            }
            if (in[pos] == ';') {
                pos++;
                int end = pos;
                result.add(new Statement(tokens, null, start, end, docComment()));
            } else if (in[pos] == '{') {
                pos++;
                String early = docComment();
                List<Statement> block = statementSequence();
                if (pos >= in.length || in[pos] != '}') {
                    fail(pos);
                }
                pos++;
                int end = pos;
                String late = docComment();
                result.add(new Statement(tokens, block, start, end, early != null ? early : late));
            } else {
                fail(pos);
            }
            skipSpace();
        }
        return result;
    }

    /**
     * Comment lines right after a statement (same line, or starting on the next line) form its doc
     * comment; each line loses its '#' and one following space.
     */
    private String docComment() {
        int save = pos;
        skipLineWhitespace();
        if (pos < in.length && in[pos] == '\n') {
            pos++;
        } else if (pos < in.length && in[pos] == '\r') {
            pos++;
            if (pos < in.length && in[pos] == '\n') {
                pos++;
            }
        }
        StringBuilder doc = new StringBuilder();
        boolean any = false;
        while (true) {
            int lineStart = pos;
            skipLineWhitespace();
            if (pos >= in.length || in[pos] != '#') {
                pos = lineStart;
                break;
            }
            pos++;
            if (pos < in.length && in[pos] == ' ') {
                pos++;
            }
            int textStart = pos;
            while (pos < in.length && in[pos] != '\n') {
                pos++;
            }
            doc.append(new String(in, textStart, pos - textStart, StandardCharsets.UTF_8)).append('\n');
            if (pos < in.length) {
                pos++;
            }
            any = true;
        }
        if (!any) {
            pos = save;
            return null;
        }
        return doc.toString();
    }

    private void skipLineWhitespace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\f' || in[pos] == 0x0b)) {
            pos++;
        }
    }

    private List<Token> tokenSequence() {
        List<Token> tokens = new ArrayList<>();
        skipSpace();
        while (pos < in.length) {
            Token t = token();
            if (t == null) {
                break;
            }
            tokens.add(t);
            skipSpace();
        }
        return tokens;
    }

    private void skipSpace() {
        while (pos < in.length) {
            int c = in[pos] & 0xff;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
                pos++;
            } else if (c == 0xef && pos + 2 < in.length && (in[pos + 1] & 0xff) == 0xbb
                    && (in[pos + 2] & 0xff) == 0xbf) {
                pos += 3;
            } else if (c == '#') {
                while (pos < in.length && in[pos] != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    /**
     * One token, or null (position unchanged) when none starts here. The alternatives are tried in
     * capnp's order; an abandoned attempt still moves {@link #best} to the furthest byte it read.
     */
    private Token token() {
        int start = pos;
        int c = in[pos] & 0xff;
        if (isIdentStart(c)) {
            while (pos < in.length && isIdentPart(in[pos] & 0xff)) {
                pos++;
            }
            return simple(Token.Kind.IDENTIFIER, start);
        }
        if (c == '"') {
            return stringLiteral();
        }
        if (isDigit(in[pos])) {
            Token t = binaryLiteral();
            if (t == null) {
                t = integerLiteral();
            }
            return t != null ? t : floatLiteral();
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            while (pos < in.length && OPERATOR_CHARS.indexOf(in[pos] & 0xff) >= 0) {
                pos++;
            }
            return simple(Token.Kind.OPERATOR, start);
        }
        if (c == '(' || c == '[') {
            return list(c == '(' ? ')' : ']');
        }
        if (c == 0 || c == 0xff || c == 0xfe) {
            source.error(start, "Non-UTF-8 input detected. Cap'n Proto schema files must be UTF-8 text.");
            throw new Abort();
        }
        return null;
    }

    /** Gives up an attempt that started at {@code start} after reading up to {@code reached}. */
    private Token abandon(int start, int reached) {
        best = Math.max(best, reached);
        pos = start;
        return null;
    }

    private Token list(char close) {
        int start = pos;
        pos++;
        List<List<Token>> items = new ArrayList<>();
        List<Token> first = tokenSequence();
        items.add(first);
        while (pos < in.length && in[pos] == ',') {
            pos++;
            items.add(tokenSequence());
        }
        if (pos >= in.length || in[pos] != close) {
            fail(pos);
        }
        pos++;
        if (items.size() == 1 && first.isEmpty()) {
            items.clear();
        } else if (items.size() > 1 && items.get(items.size() - 1).isEmpty()) {
            items.remove(items.size() - 1);
        }
        Token.Kind kind = close == ')' ? Token.Kind.PARENTHESIZED : Token.Kind.BRACKETED;
        return new Token(kind, start, pos, "", 0, 0, null, items);
    }

    private Token simple(Token.Kind kind, int start) {
        return new Token(kind, start, pos, new String(in, start, pos - start, StandardCharsets.UTF_8), 0, 0, null, null);
    }

    private static boolean isIdentStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(int c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    /** What may not follow a number: capnp rejects "3a", "1.2.3" and "0x" without digits. */
    private boolean numberMayEndAt(int at) {
        if (at >= in.length) {
            return true;
        }
        int c = in[at] & 0xff;
        return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.');
    }

    /**
     * "0x" hex digits, "0" octal digits, or a decimal without a leading zero; the digits end at the
     * first one outside the base, so "08" is the integers 0 and 8. Values wrap modulo 2^64, as capnp's do.
     */
    private Token integerLiteral() {
        int start = pos;
        int end = -1;
        int radix = 10;
        int digits = start;
        if (in[start] == '0' && start + 1 < in.length && in[start + 1] == 'x') {
            end = skipDigits(start + 2, 16);
            if (end > start + 2) {
                radix = 16;
                digits = start + 2;
            } else {
                best = Math.max(best, start + 2);
                end = -1;
            }
        }
        if (end < 0) {
            radix = in[start] == '0' ? 8 : 10;
            digits = radix == 8 ? start + 1 : start;
            end = skipDigits(digits, radix);
        }
        if (!numberMayEndAt(end)) {
            return abandon(start, end);
        }
        long value = 0;
        for (int i = digits; i < end; i++) {
            value = value * radix + Character.digit(in[i], 16);
        }
        pos = end;
        return new Token(Token.Kind.INTEGER, start, end, new String(in, start, end - start, StandardCharsets.US_ASCII),
                value, 0, null, null);
    }

    private int skipDigits(int from, int radix) {
        int at = from;
        while (at < in.length && Character.digit(in[at], radix) >= 0) {
            at++;
        }
        return at;
    }

    /** Digits, then optionally '.' and digits, then optionally an exponent: "3.", "1.e5" and "08.5" are floats. */
    private Token floatLiteral() {
        int start = pos;
        int at = skipDigits(start, 10);
        if (at < in.length && in[at] == '.') {
            at = skipDigits(at + 1, 10);
        }
        boolean exponentWithoutDigits = false;
        if (at < in.length && (in[at] == 'e' || in[at] == 'E')) {
            at++;
            if (at < in.length && (in[at] == '+' || in[at] == '-')) {
                at++;
            }
            int digits = at;
            at = skipDigits(at, 10);
            exponentWithoutDigits = at == digits;
        }
        if (!numberMayEndAt(at)) {
            return abandon(start, at);
        }
        String text = new String(in, start, at - start, StandardCharsets.US_ASCII);
        if (exponentWithoutDigits) {
            // capnp stops with an uncaught exception here; we name the problem instead.
            source.error(start, "Invalid number " + text + ": its exponent has no digits.");
            throw new Abort();
        }
        pos = at;
        return new Token(Token.Kind.FLOAT, start, at, text, 0, Double.parseDouble(text), null, null);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private Token stringLiteral() {
        int start = pos;
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= in.length || in[pos] == '\n') {
                return abandon(start, pos);
            }
            byte b = in[pos++];
            if (b == '"') {
                break;
            }
            if (b != '\\') {
                out.write(b);
                continue;
            }
            int escaped = escape(out);
            if (escaped < 0) {
                return abandon(start, -escaped);
            }
            pos = escaped;
        }
        String text = out.toString(StandardCharsets.UTF_8);
        return new Token(Token.Kind.STRING, start, pos, text, 0, 0, out.toByteArray(), null);
    }

    /**
     * The escape after a backslash (pos is just past it): writes its byte and returns the position
     * after it, or minus the furthest position read when it is not a valid escape.
     */
    private int escape(ByteArrayOutputStream out) {
        if (pos >= in.length) {
            return -pos;
        }
        byte e = in[pos];
        switch (e) {
            case 'a' -> out.write(7);
            case 'b' -> out.write(8);
            case 'f' -> out.write(12);
            case 'n' -> out.write(10);
            case 'r' -> out.write(13);
            case 't' -> out.write(9);
            case 'v' -> out.write(11);
            case '\'', '"', '\\', '?' -> out.write(e);
            case 'x' -> {
                int hex = skipDigits(pos + 1, 16);
                if (hex < pos + 3) {
                    return -hex;
                }
                out.write(Character.digit(in[pos + 1], 16) * 16 + Character.digit(in[pos + 2], 16));
                return pos + 3;
            }
            default -> {
                if (e < '0' || e > '7') {
                    return -pos;
                }
                int end = Math.min(skipDigits(pos, 8), pos + 3);
                int v = 0;
                for (int i = pos; i < end; i++) {
                    v = v * 8 + (in[i] - '0');
                }
                out.write(v);
                return end;
            }
        }
        return pos + 1;
    }

    /** 0x"..." : one or more hex byte pairs, whitespace allowed around each pair; null if not one. */
    private Token binaryLiteral() {
        int start = pos;
        if (!(in[start] == '0' && start + 2 < in.length && in[start + 1] == 'x' && in[start + 2] == '"')) {
            return null;
        }
        int at = start + 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int pair = skipWhitespace(at);
            int hi = pair < in.length ? Character.digit(in[pair], 16) : -1;
            int lo = pair + 1 < in.length ? Character.digit(in[pair + 1], 16) : -1;
            if (hi < 0 || lo < 0) {
                best = Math.max(best, hi < 0 ? pair : pair + 1);
                break;
            }
            out.write(hi * 16 + lo);
            at = pair + 2;
        }
        at = skipWhitespace(at);
        if (out.size() == 0 || at >= in.length || in[at] != '"') {
            return abandon(start, at);
        }
        pos = at + 1;
        return new Token(Token.Kind.BINARY, start, pos, "", 0, 0, out.toByteArray(), null);
    }

    private int skipWhitespace(int from) {
        int at = from;
        while (at < in.length && (in[at] == ' ' || in[at] == '\t' || in[at] == '\n' || in[at] == '\r'
                || in[at] == '\f' || in[at] == 0x0b)) {
            at++;
        }
        return at;
    }
}
