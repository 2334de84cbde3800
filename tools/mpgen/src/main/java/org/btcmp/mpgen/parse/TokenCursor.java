package org.btcmp.mpgen.parse;

import java.util.List;

/** A position in a token run that remembers the furthest token any attempt looked at. */
final class TokenCursor {
    final List<Token> tokens;
    int index;
    int best;

    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    boolean atEnd() {
        if (index >= tokens.size()) {
            return true;
        }
        reach(index);
        return false;
    }

    Token peek() {
        return index < tokens.size() ? tokens.get(index) : null;
    }

    Token next() {
        reach(index + 1);
        return tokens.get(index++);
    }

    void reach(int i) {
        if (i > best) {
            best = i;
        }
    }

    /**
     * Records that the next token was looked at and refused. The C++ parser consumes a token before
     * checking its kind, so its "furthest position" is then just past that token.
     */
    void reject() {
        reach(index < tokens.size() ? index + 1 : index);
    }

    /** Consumes the operator if it is next. */
    boolean operator(String op) {
        Token t = peek();
        if (t != null && t.isOperator(op)) {
            next();
            return true;
        }
        reject();
        return false;
    }

    boolean keyword(String word) {
        Token t = peek();
        if (t != null && t.isKeyword(word)) {
            next();
            return true;
        }
        reject();
        return false;
    }

    Token ofKind(Token.Kind kind) {
        Token t = peek();
        if (t != null && t.kind() == kind) {
            return next();
        }
        reject();
        return null;
    }

    Located identifier() {
        Token t = ofKind(Token.Kind.IDENTIFIER);
        return t == null ? null : new Located(t.text(), t.start(), t.end());
    }
}
