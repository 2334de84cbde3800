package org.btcmp.mpgen.parse;

import java.util.List;

/** A lexical token; parenthesized and bracketed lists hold their comma-separated token runs. */
record Token(Kind kind, int start, int end, String text, long integer, double number, byte[] binary,
             List<List<Token>> items) {
    enum Kind { IDENTIFIER, STRING, BINARY, INTEGER, FLOAT, OPERATOR, PARENTHESIZED, BRACKETED }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOperator(String op) {
        return is(Kind.OPERATOR, op);
    }

    boolean isKeyword(String word) {
        return is(Kind.IDENTIFIER, word);
    }
}
