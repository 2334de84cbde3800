package org.btcmp.mpgen.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.btcmp.mpgen.parse.Declaration.AnnotationApplication;
import org.btcmp.mpgen.parse.Declaration.Kind;
import org.btcmp.mpgen.schema.Node;

/** Turns lexed statements into declarations, following the grammar of the C++ compiler's parser. */
public final class Parser {
    private enum Level { FILE, STRUCT, ENUM, INTERFACE }

    /** What an annotation may name as its targets: "struct", "field", ... */
    private static final Set<String> TARGET_NAMES = Set.copyOf(Arrays.stream(Node.Target.values())
            .map(t -> t.name().toLowerCase(Locale.ROOT)).toList());

    private final SourceFile source;

    private Parser(SourceFile source) {
        this.source = source;
    }

    /**
     * Parses a whole file. Errors are recorded in {@code source}; the result is the file declaration
     * (its {@code uid} null when the file declares no id), or null when the file could not be lexed.
     */
    public static Declaration parse(SourceFile source) {
        List<Statement> statements = new Lexer(source).statements();
        if (statements == null) {
            return null;
        }
        Parser parser = new Parser(source);
        Declaration file = new Declaration(Kind.FILE);
        file.name = new Located("", 0, 0);
        file.end = source.bytes().length;
        List<AnnotationApplication> annotations = new ArrayList<>();
        for (Statement s : statements) {
            Object parsed = parser.statement(s, Level.FILE);
            if (parsed instanceof LocatedInteger id) {
                if (file.uid != null) {
                    source.error(s.start(), "File can only have one ID.");
                } else {
                    file.uid = id;
                    file.docComment = s.docComment();
                }
            } else if (parsed instanceof AnnotationApplication a) {
                annotations.add(a);
            } else if (parsed instanceof Declaration d) {
                file.nested.add(d);
            }
        }
        file.annotations = annotations;
        return file;
    }

    /** Parses one statement: a Declaration, a naked id (LocatedInteger), a naked annotation, or null. */
    private Object statement(Statement s, Level level) {
        TokenCursor c = new TokenCursor(s.tokens());
        Object result = switch (level) {
            case FILE -> fileLevel(c);
            case STRUCT -> structLevel(c);
            case ENUM -> enumerant(c);
            case INTERFACE -> interfaceLevel(c);
        };
        if (result == null || !c.atEnd()) {
            int at;
            if (c.best < s.tokens().size()) {
                at = s.tokens().get(c.best).start();
            } else if (!s.tokens().isEmpty()) {
                at = s.tokens().get(s.tokens().size() - 1).end();
            } else {
                at = s.start();
            }
            source.error(at, "Parse error.");
            return null;
        }
        if (result instanceof Declaration d) {
            d.start = s.start();
            d.end = s.end();
            d.docComment = s.docComment();
            Level inner = switch (d.kind) {
                case STRUCT, UNION, GROUP -> Level.STRUCT;
                case ENUM -> Level.ENUM;
                case INTERFACE -> Level.INTERFACE;
                default -> null;
            };
            if (s.block() == null) {
                if (inner != null) {
                    source.error(s.start(), "This statement should end with a block, not a semicolon.");
                }
            } else if (inner == null) {
                source.error(s.start(), "This statement should end with a semicolon, not a block.");
            } else {
                for (Statement member : s.block()) {
                    Object m = statement(member, inner);
                    if (m instanceof Declaration md) {
                        d.nested.add(md);
                    }
                }
            }
        } else if (s.block() != null) {
            source.error(s.start(), "This statement should end with a semicolon, not a block.");
        }
        return result;
    }

    /**
     * Tries each alternative from the same starting token; the first that parses wins, even if
     * tokens remain after it (then the statement is a parse error, as in capnp: "a @0 :union = 5" is
     * a union followed by junk, not a field of type "union").
     */
    @SafeVarargs
    private static Object oneOf(TokenCursor c, Function<TokenCursor, Object>... alternatives) {
        int start = c.index;
        for (Function<TokenCursor, Object> alternative : alternatives) {
            c.index = start;
            Object r = alternative.apply(c);
            if (r != null) {
                return r;
            }
        }
        c.index = start;
        return null;
    }

    private Object fileLevel(TokenCursor c) {
        return oneOf(c, this::genericDecl, this::nakedId, this::nakedAnnotation);
    }

    private Object structLevel(TokenCursor c) {
        return oneOf(c, this::union, this::field, this::group, this::genericDecl);
    }

    private Object interfaceLevel(TokenCursor c) {
        return oneOf(c, this::method, this::genericDecl);
    }

    private Object genericDecl(TokenCursor c) {
        Token t = c.peek();
        if (t == null || t.kind() != Token.Kind.IDENTIFIER) {
            c.reject();
            return null;
        }
        return switch (t.text()) {
            case "using" -> using(c);
            case "const" -> constDecl(c);
            case "annotation" -> annotationDecl(c);
            case "enum" -> typeDecl(c, Kind.ENUM);
            case "struct" -> typeDecl(c, Kind.STRUCT);
            case "interface" -> typeDecl(c, Kind.INTERFACE);
            default -> {
                c.reject();
                yield null;
            }
        };
    }

    private Object nakedId(TokenCursor c) {
        return uid(c);
    }

    private Object nakedAnnotation(TokenCursor c) {
        return annotation(c);
    }

    private LocatedInteger uid(TokenCursor c) {
        int save = c.index;
        if (!c.operator("@")) {
            return null;
        }
        Token t = c.ofKind(Token.Kind.INTEGER);
        if (t == null) {
            c.index = save;
            return null;
        }
        if (t.integer() >= 0) {
            source.error(t.start(), "Invalid ID.  Please generate a new one with 'capnpc -i'.");
        }
        return new LocatedInteger(t.integer(), t.start(), t.end());
    }

    private LocatedInteger ordinal(TokenCursor c) {
        int save = c.index;
        if (!c.operator("@")) {
            return null;
        }
        Token t = c.ofKind(Token.Kind.INTEGER);
        if (t == null) {
            c.index = save;
            return null;
        }
        if (Long.compareUnsigned(t.integer(), 65536) >= 0) {
            source.error(t.start(), "Ordinals cannot be greater than 65535.");
        }
        return new LocatedInteger(t.integer(), t.start(), t.end());
    }

    private List<AnnotationApplication> annotations(TokenCursor c) {
        List<AnnotationApplication> result = new ArrayList<>();
        while (true) {
            int save = c.index;
            AnnotationApplication a = annotation(c);
            if (a == null) {
                c.index = save;
                return result;
            }
            result.add(a);
        }
    }

    private AnnotationApplication annotation(TokenCursor c) {
        if (!c.operator("$")) {
            return null;
        }
        Expression e = expression(c);
        if (e == null) {
            return null;
        }
        if (e instanceof Expression.Application app) {
            if (app.params().size() == 1 && app.params().get(0) != null && app.params().get(0).name() == null) {
                return new AnnotationApplication(app.function(), app.params().get(0).value());
            }
            // capnp gives this tuple no location of its own: errors about it point at the file's start.
            return new AnnotationApplication(app.function(), new Expression.Tuple(app.params(), 0, 0));
        }
        return new AnnotationApplication(e, null);
    }

    private Object using(TokenCursor c) {
        c.next();
        Declaration d = new Declaration(Kind.USING);
        int save = c.index;
        Located name = c.identifier();
        if (name == null || !c.operator("=")) {
            c.index = save;
            name = null;
        }
        Expression target = expression(c);
        if (target == null) {
            return null;
        }
        if (name == null) {
            if (target instanceof Expression.Member m) {
                name = m.name();
            } else {
                source.error(target.start(), "'using' declaration without '=' must specify a named declaration "
                        + "from a different scope.");
                name = new Located("", target.start(), target.end());
            }
        }
        d.name = name;
        d.target = target;
        return d;
    }

    private Object constDecl(TokenCursor c) {
        c.next();
        Declaration d = new Declaration(Kind.CONST);
        if ((d.name = c.identifier()) == null) {
            return null;
        }
        d.uid = optionalUid(c);
        if (!c.operator(":") || (d.type = expression(c)) == null || !c.operator("=")
                || (d.value = expression(c)) == null) {
            return null;
        }
        d.annotations = annotations(c);
        return d;
    }

    private LocatedInteger optionalUid(TokenCursor c) {
        int save = c.index;
        LocatedInteger id = uid(c);
        if (id == null) {
            c.index = save;
        }
        return id;
    }

    private Object annotationDecl(TokenCursor c) {
        c.next();
        Declaration d = new Declaration(Kind.ANNOTATION);
        if ((d.name = c.identifier()) == null) {
            return null;
        }
        d.uid = optionalUid(c);
        Token targets = c.ofKind(Token.Kind.PARENTHESIZED);
        if (targets == null) {
            return null;
        }
        d.targets = listItems(targets, cur -> {
            Located id = cur.identifier();
            if (id != null) {
                return id;
            }
            Token t = cur.peek();
            if (t != null && t.isOperator("*")) {
                cur.next();
                return new Located("*", t.start(), t.end());
            }
            return null;
        });
        if (!c.operator(":") || (d.type = expression(c)) == null) {
            return null;
        }
        d.annotations = annotations(c);
        checkTargets(d.targets);
        return d;
    }

    /**
     * Reported as soon as the declaration parses, as capnp does: even when tokens after it make the
     * statement a parse error.
     */
    private void checkTargets(List<Located> targets) {
        Set<String> seen = new HashSet<>();
        for (Located t : targets) {
            if (t == null) {
                continue;
            }
            if (t.text().equals("*")) {
                if (targets.size() > 1) {
                    source.error(t.start(), "Wildcard should not be specified together with other targets.");
                }
                seen.addAll(TARGET_NAMES);
            } else if (!TARGET_NAMES.contains(t.text())) {
                source.error(t.start(), "Not a valid annotation target.");
            } else if (!seen.add(t.text())) {
                source.error(t.start(), "Duplicate target specification.");
            }
        }
    }

    private Object typeDecl(TokenCursor c, Kind kind) {
        c.next();
        Declaration d = new Declaration(kind);
        if ((d.name = c.identifier()) == null) {
            return null;
        }
        d.uid = optionalUid(c);
        if (kind != Kind.ENUM) {
            Token params = c.peek();
            if (params != null && params.kind() == Token.Kind.PARENTHESIZED) {
                c.next();
                d.genericParams = listItems(params, TokenCursor::identifier);
            }
        }
        if (kind == Kind.INTERFACE) {
            int save = c.index;
            if (c.keyword("extends")) {
                Token supers = c.ofKind(Token.Kind.PARENTHESIZED);
                if (supers == null) {
                    c.index = save;
                } else {
                    d.superclasses = listItems(supers, this::expression);
                }
            }
        }
        d.annotations = annotations(c);
        return d;
    }

    private Object enumerant(TokenCursor c) {
        Declaration d = new Declaration(Kind.ENUMERANT);
        if ((d.name = c.identifier()) == null || (d.ordinal = ordinal(c)) == null) {
            return null;
        }
        d.annotations = annotations(c);
        return d;
    }

    private Object field(TokenCursor c) {
        Declaration d = new Declaration(Kind.FIELD);
        if ((d.name = c.identifier()) == null || (d.ordinal = ordinal(c)) == null || !c.operator(":")
                || (d.type = expression(c)) == null) {
            return null;
        }
        int save = c.index;
        if (c.operator("=")) {
            d.value = expression(c);
            if (d.value == null) {
                c.index = save;
            }
        }
        d.annotations = annotations(c);
        return d;
    }

    private Object group(TokenCursor c) {
        Declaration d = new Declaration(Kind.GROUP);
        if ((d.name = c.identifier()) == null || !c.operator(":") || !c.keyword("group")) {
            return null;
        }
        d.annotations = annotations(c);
        return d;
    }

    private Object union(TokenCursor c) {
        Declaration d = new Declaration(Kind.UNION);
        Token first = c.peek();
        if (first != null && first.isKeyword("union") && c.tokens.size() == 1) {
            c.next();
            d.name = new Located("", first.start(), first.end());
            return d;
        }
        if ((d.name = c.identifier()) == null) {
            return null;
        }
        int save = c.index;
        LocatedInteger ordinal = ordinal(c);
        if (ordinal != null) {
            boolean exclamation = c.operator("!");
            boolean colon = c.operator(":");
            if (!c.keyword("union")) {
                return null;
            }
            if (!exclamation) {
                source.error(ordinal.start(), "As of Cap'n Proto v0.3, it is no longer necessary to assign numbers to "
                        + "unions. However, removing the number will break binary compatibility. If this is an old "
                        + "protocol and you need to retain compatibility, please add an exclamation point after the "
                        + "number to indicate that it is really needed, e.g. `foo @1! :union {`. If this is a new "
                        + "protocol or compatibility doesn't matter, just remove the @n entirely. Sorry for the "
                        + "inconvenience, and thanks for being an early adopter!  :)");
            }
            if (!colon) {
                source.error(ordinal.start(), "As of Cap'n Proto v0.3, the 'union' keyword should be prefixed with a "
                        + "colon for named unions, e.g. `foo :union {`.");
            }
            d.ordinal = ordinal;
        } else {
            c.index = save;
            if (!c.operator(":") || !c.keyword("union")) {
                return null;
            }
        }
        d.annotations = annotations(c);
        return d;
    }

    private Object method(TokenCursor c) {
        Declaration d = new Declaration(Kind.METHOD);
        if ((d.name = c.identifier()) == null || (d.ordinal = ordinal(c)) == null) {
            return null;
        }
        Token implicit = c.peek();
        if (implicit != null && implicit.kind() == Token.Kind.BRACKETED) {
            c.next();
            d.genericParams = listItems(implicit, TokenCursor::identifier);
        }
        if ((d.params = paramList(c)) == null) {
            return null;
        }
        int save = c.index;
        if (c.operator("->")) {
            d.results = paramList(c);
            if (d.results == null) {
                return null;
            }
        } else {
            c.index = save;
        }
        d.annotations = annotations(c);
        return d;
    }

    private Declaration.ParamList paramList(TokenCursor c) {
        Token t = c.peek();
        if (t != null && t.kind() == Token.Kind.PARENTHESIZED) {
            c.next();
            return new Declaration.ParamList(listItems(t, this::param), null, false, t.start(), t.end());
        }
        if (t != null && t.isKeyword("stream")) {
            c.next();
            return new Declaration.ParamList(null, null, true, t.start(), t.end());
        }
        Expression e = expression(c);
        return e == null ? null : new Declaration.ParamList(null, e, false, e.start(), e.end());
    }

    private Declaration.Param param(TokenCursor c) {
        int start = c.peek() == null ? 0 : c.peek().start();
        Located name = c.identifier();
        Expression type;
        if (name == null || !c.operator(":") || (type = expression(c)) == null) {
            return null;
        }
        Expression defaultValue = null;
        int save = c.index;
        if (c.operator("=")) {
            defaultValue = expression(c);
            if (defaultValue == null) {
                c.index = save;
            }
        }
        List<AnnotationApplication> annotations = annotations(c);
        int end = c.tokens.get(c.index - 1).end();
        return new Declaration.Param(name, type, defaultValue, annotations, start, end);
    }

    /** Parses each comma-separated item of a list token; a bad item is reported and left out as null. */
    private <T> List<T> listItems(Token list, Function<TokenCursor, T> item) {
        List<T> result = new ArrayList<>();
        for (List<Token> tokens : list.items()) {
            TokenCursor c = new TokenCursor(tokens);
            T value = item.apply(c);
            if (value == null || !c.atEnd()) {
                if (tokens.isEmpty()) {
                    source.error(list.start(), "Parse error: Empty list item.");
                } else if (c.best < tokens.size()) {
                    source.error(tokens.get(c.best).start(), "Parse error.");
                } else {
                    source.error(tokens.get(0).start(), "Parse error.");
                }
                value = null;
            }
            result.add(value);
        }
        return result;
    }

    // ---- expressions

    private Expression expression(TokenCursor c) {
        Expression base = primary(c);
        if (base == null) {
            return null;
        }
        while (true) {
            Token t = c.peek();
            if (t != null && t.isOperator(".")) {
                int save = c.index;
                c.next();
                Located name = c.identifier();
                if (name == null) {
                    c.index = save;
                    return base;
                }
                base = new Expression.Member(base, name, base.start(), name.end());
            } else if (t != null && t.kind() == Token.Kind.PARENTHESIZED) {
                c.next();
                base = new Expression.Application(base, tupleItems(t), base.start(), t.end());
            } else {
                c.reject();
                return base;
            }
        }
    }

    private List<Expression.Param> tupleItems(Token list) {
        return listItems(list, cur -> {
            int save = cur.index;
            Located name = cur.identifier();
            if (name == null || !cur.operator("=")) {
                cur.index = save;
                name = null;
            }
            Expression value = expression(cur);
            return value == null ? null : new Expression.Param(name, value);
        });
    }

    private Expression primary(TokenCursor c) {
        Token t = c.peek();
        if (t == null) {
            c.reject();
            return null;
        }
        switch (t.kind()) {
            case INTEGER:
                c.next();
                return new Expression.PositiveInt(t.integer(), t.start(), t.end());
            case FLOAT:
                c.next();
                return new Expression.FloatLiteral(t.number(), t.start(), t.end());
            case STRING: {
                c.next();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                out.writeBytes(t.binary());
                int end = t.end();
                while (c.peek() != null && c.peek().kind() == Token.Kind.STRING) {
                    Token more = c.next();
                    out.writeBytes(more.binary());
                    end = more.end();
                }
                return new Expression.StringLiteral(out.toByteArray(), t.start(), end);
            }
            case BINARY:
                c.next();
                return new Expression.BinaryLiteral(t.binary(), t.start(), t.end());
            case BRACKETED: {
                c.next();
                List<Expression> elements = listItems(t, this::expression);
                return new Expression.ListLiteral(elements, t.start(), t.end());
            }
            case PARENTHESIZED: {
                c.next();
                List<Expression.Param> params = tupleItems(t);
                if (params.size() == 1 && params.get(0) != null && params.get(0).name() == null) {
                    return params.get(0).value();
                }
                return new Expression.Tuple(params, t.start(), t.end());
            }
            case OPERATOR:
                return operatorPrimary(c, t);
            case IDENTIFIER:
                return identifierPrimary(c, t);
            default:
                c.reject();
                return null;
        }
    }

    private Expression operatorPrimary(TokenCursor c, Token t) {
        int save = c.index;
        c.next();
        Token n = c.peek();
        if (t.text().equals("-") && n != null) {
            if (n.kind() == Token.Kind.INTEGER) {
                c.next();
                return new Expression.NegativeInt(n.integer(), t.start(), n.end());
            }
            if (n.kind() == Token.Kind.FLOAT) {
                c.next();
                return new Expression.FloatLiteral(-n.number(), t.start(), n.end());
            }
            if (n.isKeyword("inf")) {
                c.next();
                return new Expression.FloatLiteral(Double.NEGATIVE_INFINITY, t.start(), n.end());
            }
        }
        if (t.text().equals(".") && n != null && n.kind() == Token.Kind.IDENTIFIER) {
            c.next();
            return new Expression.AbsoluteName(new Located(n.text(), n.start(), n.end()), t.start(), n.end());
        }
        c.reject();
        c.index = save;
        return null;
    }

    private Expression identifierPrimary(TokenCursor c, Token t) {
        c.next();
        if (t.text().equals("import") || t.text().equals("embed")) {
            Token n = c.peek();
            if (n != null && n.kind() == Token.Kind.STRING) {
                c.next();
                Located file = new Located(n.text(), n.start(), n.end());
                return t.text().equals("import")
                        ? new Expression.Import(file, t.start(), n.end())
                        : new Expression.Embed(file, t.start(), n.end());
            }
            c.reject();
        }
        Located name = new Located(t.text(), t.start(), t.end());
        return new Expression.RelativeName(name, t.start(), t.end());
    }
}
