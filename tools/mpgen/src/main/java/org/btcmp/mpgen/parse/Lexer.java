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
        source.error(at, "Parse error.");
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
        if (c == '0' && pos + 2 < in.length && in[pos + 1] == 'x' && in[pos + 2] == '"') {
            return binaryLiteral();
        }
        if (c >= '0' && c <= '9') {
            Token number = numberLiteral();
            if (pos < in.length && isIdentPart(in[pos] & 0xff)) {
                fail(pos);
            }
            return number;
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            while (pos < in.length && OPERATOR_CHARS.indexOf(in[pos] & 0xff) >= 0) {
                pos++;
            }
            return simple(Token.Kind.OPERATOR, start);
        }
        if (c == '(' || c == '[') {
            char close = c == '(' ? ')' : ']';
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
            Token.Kind kind = c == '(' ? Token.Kind.PARENTHESIZED : Token.Kind.BRACKETED;
            return new Token(kind, start, pos, "", 0, 0, null, items);
        }
        if (c == 0 || c == 0xff || c == 0xfe) {
            source.error(start, "Non-UTF-8 input detected. Cap'n Proto schema files must be UTF-8 text.");
            throw new Abort();
        }
        return null;
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

    private Token numberLiteral() {
        int start = pos;
        if (in[pos] == '0' && pos + 1 < in.length && (in[pos + 1] == 'x' || in[pos + 1] == 'X')) {
            pos += 2;
            int digits = pos;
            while (pos < in.length && Character.digit(in[pos], 16) >= 0) {
                pos++;
            }
            if (pos == digits) {
                fail(pos);
            }
            return integer(start, new String(in, digits, pos - digits, StandardCharsets.US_ASCII), 16);
        }
        while (pos < in.length && isDigit(in[pos])) {
            pos++;
        }
        boolean isFloat = false;
        if (pos + 1 < in.length && in[pos] == '.' && isDigit(in[pos + 1])) {
            isFloat = true;
            pos++;
            while (pos < in.length && isDigit(in[pos])) {
                pos++;
            }
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            int save = pos;
            pos++;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (pos < in.length && isDigit(in[pos])) {
                isFloat = true;
                while (pos < in.length && isDigit(in[pos])) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        String text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
        if (isFloat) {
            return new Token(Token.Kind.FLOAT, start, pos, text, 0, Double.parseDouble(text), null, null);
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            for (int i = 1; i < text.length(); i++) {
                if (text.charAt(i) > '7') {
                    fail(start + i);
                }
            }
            return integer(start, text.substring(1), 8);
        }
        return integer(start, text, 10);
    }

    private Token integer(int start, String digits, int radix) {
        long value;
        try {
            value = digits.isEmpty() ? 0 : Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            source.error(start, "Integer is too big.");
            throw new Abort();
        }
        return new Token(Token.Kind.INTEGER, start, pos, new String(in, start, pos - start, StandardCharsets.US_ASCII),
                value, 0, null, null);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private Token stringLiteral() {
        int start = pos;
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= in.length) {
                fail(pos);
            }
            byte b = in[pos++];
            if (b == '"') {
                break;
            }
            if (b == '\n') {
                fail(pos - 1);
            }
            if (b != '\\') {
                out.write(b);
                continue;
            }
            if (pos >= in.length) {
                fail(pos);
            }
            byte e = in[pos++];
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
                    int v = 0;
                    int n = 0;
                    while (n < 2 && pos < in.length && Character.digit(in[pos], 16) >= 0) {
                        v = v * 16 + Character.digit(in[pos++], 16);
                        n++;
                    }
                    if (n == 0) {
                        fail(pos);
                    }
                    out.write(v);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int n = 1;
                        while (n < 3 && pos < in.length && in[pos] >= '0' && in[pos] <= '7') {
                            v = v * 8 + (in[pos++] - '0');
                            n++;
                        }
                        out.write(v);
                    } else {
                        fail(pos - 1);
                    }
                }
            }
        }
        String text = out.toString(StandardCharsets.UTF_8);
        return new Token(Token.Kind.STRING, start, pos, text, 0, 0, out.toByteArray(), null);
    }

    private Token binaryLiteral() {
        int start = pos;
        pos += 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
                pos++;
            }
            if (pos >= in.length) {
                fail(pos);
            }
            if (in[pos] == '"') {
                pos++;
                break;
            }
            int hi = Character.digit(in[pos], 16);
            int lo = pos + 1 < in.length ? Character.digit(in[pos + 1], 16) : -1;
            if (hi < 0 || lo < 0) {
                fail(hi < 0 ? pos : pos + 1);
            }
            out.write(hi * 16 + lo);
            pos += 2;
        }
        return new Token(Token.Kind.BINARY, start, pos, "", 0, 0, out.toByteArray(), null);
    }
}
