package org.btcmp.mpgen.parse;

/** An id ({@code @0x...}) or ordinal ({@code @3}) with its byte range. */
public record LocatedInteger(long value, int start, int end) {
}
