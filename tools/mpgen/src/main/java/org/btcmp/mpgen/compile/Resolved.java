package org.btcmp.mpgen.compile;

import org.btcmp.mpgen.schema.Brand;

/** The result of looking a name up: a declaration (maybe branded by an alias) or a generic parameter. */
sealed interface Resolved {
    /** A declaration; {@code scopeId} is the id of the scope it was found in; {@code brand} set for aliases. */
    record Decl(CompilerNode node, long scopeId, Brand brand) implements Resolved {
    }

    /** Generic parameter {@code index} of scope {@code scopeId} (0 = a method's implicit parameter). */
    record Param(long scopeId, int index) implements Resolved {
    }
}
