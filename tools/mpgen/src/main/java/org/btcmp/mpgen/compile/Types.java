package org.btcmp.mpgen.compile;

import java.util.List;
import org.btcmp.mpgen.schema.Brand;
import org.btcmp.mpgen.schema.Type;

/** Structural equality of types and brands. */
final class Types {
    private Types() {
    }

    static boolean same(Type a, Type b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.which != b.which) {
            return false;
        }
        return switch (a.which) {
            case LIST -> same(a.elementType, b.elementType);
            case ENUM, STRUCT, INTERFACE -> a.typeId == b.typeId && same(a.brand, b.brand);
            case ANY_POINTER -> a.anyKind == b.anyKind && a.parameterScopeId == b.parameterScopeId
                    && a.parameterIndex == b.parameterIndex;
            default -> true;
        };
    }

    static boolean same(Brand a, Brand b) {
        List<Brand.Scope> sa = a == null ? List.of() : a.scopes();
        List<Brand.Scope> sb = b == null ? List.of() : b.scopes();
        if (sa.size() != sb.size()) {
            return false;
        }
        for (int i = 0; i < sa.size(); i++) {
            Brand.Scope x = sa.get(i);
            Brand.Scope y = sb.get(i);
            if (x.scopeId() != y.scopeId() || (x.bindings() == null) != (y.bindings() == null)) {
                return false;
            }
            if (x.bindings() != null) {
                if (x.bindings().size() != y.bindings().size()) {
                    return false;
                }
                for (int j = 0; j < x.bindings().size(); j++) {
                    if (!same(x.bindings().get(j), y.bindings().get(j))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
