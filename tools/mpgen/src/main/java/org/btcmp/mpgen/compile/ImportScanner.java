package org.btcmp.mpgen.compile;

import java.util.TreeSet;
import org.btcmp.mpgen.parse.Declaration;
import org.btcmp.mpgen.parse.Expression;

/** Collects the names of imports that name types (not values), as the C++ compiler's import table. */
final class ImportScanner {
    private ImportScanner() {
    }

    static void scan(Declaration d, TreeSet<String> out) {
        switch (d.kind) {
            case USING -> expr(d.target, out);
            case CONST, FIELD -> expr(d.type, out);
            case INTERFACE -> d.superclasses.forEach(e -> expr(e, out));
            case METHOD -> {
                params(d.params, out);
                if (d.results != null) {
                    params(d.results, out);
                }
            }
            default -> {
            }
        }
        for (Declaration.AnnotationApplication a : d.annotations) {
            expr(a.name(), out);
        }
        for (Declaration n : d.nested) {
            scan(n, out);
        }
    }

    private static void params(Declaration.ParamList list, TreeSet<String> out) {
        if (list.named() != null) {
            for (Declaration.Param p : list.named()) {
                if (p != null) {
                    expr(p.type(), out);
                    p.annotations().forEach(a -> expr(a.name(), out));
                }
            }
        } else if (list.type() != null) {
            expr(list.type(), out);
        } else {
            out.add("/capnp/stream.capnp");
        }
    }

    private static void expr(Expression e, TreeSet<String> out) {
        if (e instanceof Expression.Import i) {
            out.add(i.file().text());
        } else if (e instanceof Expression.ListLiteral l) {
            l.elements().forEach(x -> expr(x, out));
        } else if (e instanceof Expression.Tuple t) {
            t.params().forEach(p -> expr(p == null ? null : p.value(), out));
        } else if (e instanceof Expression.Application a) {
            expr(a.function(), out);
            a.params().forEach(p -> expr(p == null ? null : p.value(), out));
        } else if (e instanceof Expression.Member m) {
            expr(m.parent(), out);
        }
    }
}
