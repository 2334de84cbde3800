package org.btcmp.mpgen.parse;

import java.util.List;

/** An expression in a schema: a name, a literal, an application {@code Foo(T)} or a member {@code a.b}. */
public sealed interface Expression {
    int start();

    int end();

    /** A tuple element or application parameter; {@code name} is null when unnamed. */
    record Param(Located name, Expression value) {
    }

    record PositiveInt(long value, int start, int end) implements Expression {
    }

    /** {@code -value}, value kept as the unsigned magnitude. */
    record NegativeInt(long magnitude, int start, int end) implements Expression {
    }

    record FloatLiteral(double value, int start, int end) implements Expression {
    }

    record StringLiteral(byte[] utf8, int start, int end) implements Expression {
    }

    record BinaryLiteral(byte[] bytes, int start, int end) implements Expression {
    }

    record RelativeName(Located name, int start, int end) implements Expression {
    }

    record AbsoluteName(Located name, int start, int end) implements Expression {
    }

    record Import(Located file, int start, int end) implements Expression {
    }

    record Embed(Located file, int start, int end) implements Expression {
    }

    record ListLiteral(List<Expression> elements, int start, int end) implements Expression {
    }

    record Tuple(List<Param> params, int start, int end) implements Expression {
    }

    record Application(Expression function, List<Param> params, int start, int end) implements Expression {
    }

    record Member(Expression parent, Located name, int start, int end) implements Expression {
    }

    /** The expression as the C++ compiler prints it in messages; an item that failed to parse is null. */
    static String toString(Expression e) {
        if (e == null) {
            return "<parse error>";
        } else if (e instanceof PositiveInt p) {
            return Long.toUnsignedString(p.value());
        } else if (e instanceof NegativeInt n) {
            return "-" + Long.toUnsignedString(n.magnitude());
        } else if (e instanceof FloatLiteral f) {
            return Double.toString(f.value());
        } else if (e instanceof StringLiteral s) {
            return "\"" + new String(s.utf8(), java.nio.charset.StandardCharsets.UTF_8) + "\"";
        } else if (e instanceof BinaryLiteral) {
            return "0x\"...\"";
        } else if (e instanceof RelativeName r) {
            return r.name().text();
        } else if (e instanceof AbsoluteName a) {
            return "." + a.name().text();
        } else if (e instanceof Import i) {
            return "import \"" + i.file().text() + "\"";
        } else if (e instanceof Embed i) {
            return "embed \"" + i.file().text() + "\"";
        } else if (e instanceof ListLiteral l) {
            StringBuilder sb = new StringBuilder("[ ");
            for (int i = 0; i < l.elements().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(toString(l.elements().get(i)));
            }
            return sb.append(" ]").toString();
        } else if (e instanceof Tuple t) {
            return tuple(t.params());
        } else if (e instanceof Application a) {
            return toString(a.function()) + "(" + tuple(a.params()) + ")";
        } else if (e instanceof Member m) {
            return toString(m.parent()) + "." + m.name().text();
        }
        throw new IllegalStateException();
    }

    private static String tuple(List<Param> params) {
        StringBuilder sb = new StringBuilder("( ");
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            sb.append(i == 0 ? "" : ", ");
            if (p == null) {
                sb.append(toString(null));
                continue;
            }
            if (p.name() != null) {
                sb.append(p.name().text()).append(" = ");
            }
            sb.append(toString(p.value()));
        }
        return sb.append(" )").toString();
    }
}
