package org.btcmp.mpgen.parse;

import java.util.List;

/**
 * A run of tokens ended by ';' (block == null) or by a '{ ... }' block of nested statements, with
 * the doc comment that follows it (null if none).
 */
record Statement(List<Token> tokens, List<Statement> block, int start, int end, String docComment) {
}
