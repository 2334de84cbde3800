package org.btcmp.mpgen.schema;

import java.util.List;

/** Generic bindings, as in schema.capnp's {@code Brand}. */
public record Brand(List<Scope> scopes) {
    /** One scope; {@code bindings} null means "inherit". A null binding element means "unbound". */
    public record Scope(long scopeId, List<Type> bindings) {
    }
}
