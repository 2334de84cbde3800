package org.btcmp.mpgen.schema;

import java.util.List;

/** A file the compiler was asked to compile, with the imports it names. */
public record RequestedFile(long id, String filename, List<Import> imports) {
    public record Import(long id, String name) {
    }
}
