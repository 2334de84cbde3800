package org.capnproto;

/**
 * btcmp's addition to capnproto-java 0.1.16: a list of pointers whose elements are read and written
 * through element factories the caller supplies, e.g. a List(Interface), whose elements are capability
 * pointers that only the RPC layer understands (the runtime has no capabilities at all). The runtime's
 * own list kinds cannot be extended from outside this package: {@link ListFactory}'s constructor is
 * package-private.
 */
public final class PointerList {
    private PointerList() {
    }

    /** Makes readers and builders of a pointer list: elements read as {@code R}, written through {@code B}. */
    public static final class Factory<R, B> extends ListFactory<Builder<B>, Reader<R>> {
        private final FromPointerReader<R> readElement;
        private final FromPointerBuilder<B> buildElement;

        public Factory(FromPointerReader<R> readElement, FromPointerBuilder<B> buildElement) {
            super(ElementSize.POINTER);
            this.readElement = readElement;
            this.buildElement = buildElement;
        }

        @Override
        public Reader<R> constructReader(SegmentReader segment, int ptr, int elementCount, int step, int structDataSize,
                short structPointerCount, int nestingLimit) {
            return new Reader<>(readElement, segment, ptr, elementCount, step, structDataSize, structPointerCount,
                    nestingLimit);
        }

        @Override
        public Builder<B> constructBuilder(SegmentBuilder segment, int ptr, int elementCount, int step, int structDataSize,
                short structPointerCount) {
            return new Builder<>(buildElement, segment, ptr, elementCount, step, structDataSize, structPointerCount);
        }
    }

    /** A received pointer list: element {@code i} read through the element factory. */
    public static final class Reader<R> extends ListReader {
        private final FromPointerReader<R> element;

        Reader(FromPointerReader<R> element, SegmentReader segment, int ptr, int elementCount, int step, int structDataSize,
                short structPointerCount, int nestingLimit) {
            super(segment, ptr, elementCount, step, structDataSize, structPointerCount, nestingLimit);
            this.element = element;
        }

        public R get(int index) {
            checkIndex(index, size());
            return _getPointerElement(element, index);
        }
    }

    /** A pointer list being written: element {@code i} reached through the element factory. */
    public static final class Builder<B> extends ListBuilder {
        private final FromPointerBuilder<B> element;

        Builder(FromPointerBuilder<B> element, SegmentBuilder segment, int ptr, int elementCount, int step,
                int structDataSize, short structPointerCount) {
            super(segment, ptr, elementCount, step, structDataSize, structPointerCount);
            this.element = element;
        }

        public B get(int index) {
            checkIndex(index, size());
            return _getPointerElement(element, index);
        }
    }

    private static void checkIndex(int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("element " + index + " of a list of " + size);
        }
    }
}
