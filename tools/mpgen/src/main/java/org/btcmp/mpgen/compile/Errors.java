package org.btcmp.mpgen.compile;

import org.btcmp.mpgen.parse.Expression;
import org.btcmp.mpgen.parse.SourceFile;

/** Reports errors against one source file by byte position. */
record Errors(SourceFile file) {
    void at(int offset, String message) {
        file.error(offset, message);
    }

    void at(Expression e, String message) {
        file.error(e == null ? 0 : e.start(), message);
    }
}
