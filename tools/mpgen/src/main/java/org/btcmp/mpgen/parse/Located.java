package org.btcmp.mpgen.parse;

/** A piece of source text (a name or a file name) with its byte range. */
public record Located(String text, int start, int end) {
}
