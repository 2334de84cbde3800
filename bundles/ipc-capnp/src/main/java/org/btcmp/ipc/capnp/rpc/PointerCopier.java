package org.btcmp.ipc.capnp.rpc;

import java.nio.ByteBuffer;
import java.util.function.IntUnaryOperator;
import org.btcmp.ipc.capnp.wire.FrameLimits;
import org.capnproto.AnyPointer;
import org.capnproto.BuilderArena;
import org.capnproto.DecodeException;
import org.capnproto.FromPointerBuilder;
import org.capnproto.SegmentBuilder;

/**
 * Deep-copies one pointer of a message into a message being built, word by word over the segments:
 * structs, lists (inline-composite included), far pointers and capability pointers, whose cap-table
 * indexes are remapped into the destination's table. capnproto-java 0.1.16's own copy refuses
 * capability pointers, which forwarded calls and results are full of.
 *
 * <p>The source is checked as it is read (bounds, nesting, and a traversal limit counting every word
 * copied, so pointer loops and amplification end): a bad source ends in a {@link DecodeException}
 * naming what was wrong, after which the destination pointer may hold a partial copy.
 */
final class PointerCopier {
    private static final int WORD = 8;
    private static final long CAPABILITY_TAG = 3L;

    private final ByteBuffer[] source;
    private final IntUnaryOperator capMap;
    private final FrameLimits limits;
    private long wordsLeft;

    /**
     * @param source the source message's segments, by segment id
     * @param capMap source cap-table index to destination index (-1: write a null pointer); it may
     *        throw for an index the source's table lacks
     */
    private PointerCopier(ByteBuffer[] source, IntUnaryOperator capMap, FrameLimits limits) {
        this.source = source;
        this.capMap = capMap;
        this.limits = limits;
        this.wordsLeft = limits.traversalLimitWords();
    }

    /** Copies what {@code from} points to (in {@code source}) into {@code to}, replacing what it held. */
    static void copy(MessageContent.Located from, IntUnaryOperator capMap, AnyPointer.Builder to) {
        to.clear();
        Slot slot = to.getAs(Slot.BUILDER);
        FrameLimits limits = from.limits();
        new PointerCopier(from.segments(), capMap, limits)
                .copyPointer(from.segmentId(), from.pointer(), slot.segment, slot.pointer, limits.nestingLimit());
    }

    private void copyPointer(int segment, int pointer, SegmentBuilder to, int toPointer, int nesting) {
        check(segment, pointer, 1);
        long word = word(segment, pointer);
        if (word == 0) {
            return; // the destination was cleared
        }
        int kind = (int) word & 3;
        if (kind == 3) {
            copyOther(word, to, toPointer);
            return;
        }
        int contentSegment = segment;
        int content = pointer + 1 + offset(word);
        long tag = word;
        if (kind == 2) {
            int padSegment = (int) (word >>> 32);
            int pad = (int) ((word >>> 3) & 0x1fff_ffff);
            boolean doubleFar = (word & 4) != 0;
            check(padSegment, pad, doubleFar ? 2 : 1);
            long padWord = word(padSegment, pad);
            if (!doubleFar) {
                if ((padWord & 3) == 2) {
                    throw bad("a far pointer's landing pad is itself a far pointer");
                }
                contentSegment = padSegment;
                content = pad + 1 + offset(padWord);
                tag = padWord;
            } else {
                if ((padWord & 7) != 2) {
                    throw bad("a double-far landing pad does not start with a single far pointer");
                }
                contentSegment = (int) (padWord >>> 32);
                content = (int) ((padWord >>> 3) & 0x1fff_ffff);
                tag = word(padSegment, pad + 1);
                if ((tag & 3) >= 2) {
                    throw bad("a double-far landing pad's tag is not a struct or list pointer");
                }
            }
            kind = (int) tag & 3;
            if (kind == 3) {
                throw bad("a far pointer leads to a capability pointer");
            }
        }
        if (nesting <= 0) {
            throw bad("nesting deeper than the limit of " + limits.nestingLimit());
        }
        if (kind == 0) {
            copyStruct(contentSegment, content, tag, to, toPointer, nesting - 1);
        } else {
            copyList(contentSegment, content, tag, to, toPointer, nesting - 1);
        }
    }

    private void copyOther(long word, SegmentBuilder to, int toPointer) {
        if ((word & 0xffff_ffffL) != CAPABILITY_TAG) {
            throw bad("an \"other\" pointer that is not a capability (word 0x" + Long.toHexString(word) + ")");
        }
        int index = capMap.applyAsInt((int) (word >>> 32));
        if (index >= 0) {
            to.buffer.putLong(toPointer * WORD, ((long) index << 32) | CAPABILITY_TAG);
        }
    }

    private void copyStruct(int segment, int content, long tag, SegmentBuilder to, int toPointer, int nesting) {
        int dataWords = (int) (tag >>> 32) & 0xffff;
        int pointers = (int) (tag >>> 48);
        int words = dataWords + pointers;
        check(segment, content, words);
        charge(words);
        if (words == 0) {
            // An empty struct: offset -1 (pointing at itself) keeps it distinct from null, as C++ writes it.
            to.buffer.putLong(toPointer * WORD, pointerWord(0, -1, tag >>> 32));
            return;
        }
        Place place = place(to, toPointer, 0, tag >>> 32, words);
        copyStructBody(segment, content, dataWords, pointers, place.segment, place.offset, nesting);
    }

    private void copyStructBody(int segment, int content, int dataWords, int pointers, SegmentBuilder to, int at,
            int nesting) {
        copyWords(segment, content, dataWords, to, at);
        for (int i = 0; i < pointers; i++) {
            copyPointer(segment, content + dataWords + i, to, at + dataWords + i, nesting);
        }
    }

    private void copyList(int segment, int content, long tag, SegmentBuilder to, int toPointer, int nesting) {
        int elementSize = (int) (tag >>> 32) & 7;
        int count = (int) (tag >>> 35);
        if (elementSize == 7) {
            copyCompositeList(segment, content, count, to, toPointer, nesting);
            return;
        }
        long bits = switch (elementSize) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 8;
            case 3 -> 16;
            case 4 -> 32;
            default -> 64; // eight bytes, and pointers
        };
        int words = (int) ((count * bits + 63) / 64);
        check(segment, content, words);
        charge(words);
        Place place = place(to, toPointer, 1, tag >>> 32, words);
        if (elementSize == 6) {
            for (int i = 0; i < count; i++) {
                copyPointer(segment, content + i, place.segment, place.offset + i, nesting);
            }
        } else {
            copyWords(segment, content, words, place.segment, place.offset);
        }
    }

    private void copyCompositeList(int segment, int content, int wordCount, SegmentBuilder to, int toPointer,
            int nesting) {
        check(segment, content, 1);
        long elementTag = word(segment, content);
        if ((elementTag & 3) != 0) {
            throw bad("an inline-composite list's tag is not struct-shaped");
        }
        int elements = offset(elementTag);
        int dataWords = (int) (elementTag >>> 32) & 0xffff;
        int pointers = (int) (elementTag >>> 48);
        long elementWords = (long) dataWords + pointers;
        if (elements < 0 || elements * elementWords > wordCount) {
            throw bad("an inline-composite list of " + elements + " elements of " + elementWords
                    + " words does not fit its " + wordCount + " words");
        }
        check(segment, content + 1, wordCount);
        charge(wordCount + 1L + (elementWords == 0 ? elements : 0));
        int words = (int) (elements * elementWords);
        Place place = place(to, toPointer, 1, 7L | ((long) words << 3), words + 1);
        place.segment.buffer.putLong(place.offset * WORD, pointerWord(0, elements, elementTag >>> 32));
        for (int i = 0; i < elements; i++) {
            int from = content + 1 + (int) (i * elementWords);
            int at = place.offset + 1 + (int) (i * elementWords);
            copyStructBody(segment, from, dataWords, pointers, place.segment, at, nesting);
        }
    }

    /** Where an object was put in the destination. */
    private record Place(SegmentBuilder segment, int offset) {
    }

    /**
     * Allocates {@code words} for an object and points the destination pointer at it: directly when
     * it fits the pointer's segment, else through a far pointer to a landing pad placed just before
     * the object in another segment.
     */
    private static Place place(SegmentBuilder to, int toPointer, int kind, long upper, int words) {
        int offset = to.allocate(words);
        if (offset != SegmentBuilder.FAILED_ALLOCATION) {
            to.buffer.putLong(toPointer * WORD, pointerWord(kind, offset - toPointer - 1, upper));
            return new Place(to, offset);
        }
        BuilderArena.AllocateResult allocated = to.getArena().allocate(words + 1);
        SegmentBuilder segment = allocated.segment;
        int pad = allocated.offset;
        segment.buffer.putLong(pad * WORD, pointerWord(kind, 0, upper));
        to.buffer.putLong(toPointer * WORD, ((long) segment.id << 32) | ((long) pad << 3) | 2);
        return new Place(segment, pad + 1);
    }

    private static long pointerWord(int kind, int offset, long upper) {
        return (upper << 32) | (((long) offset << 2) & 0xffff_ffffL) | kind;
    }

    /** The signed 30-bit offset of a struct or list pointer (or an inline-composite tag's element count). */
    private static int offset(long word) {
        return (int) word >> 2;
    }

    private void copyWords(int segment, int from, int words, SegmentBuilder to, int at) {
        if (words > 0) {
            to.buffer.put(at * WORD, source[segment], from * WORD, words * WORD);
        }
    }

    private long word(int segment, int offset) {
        return source[segment].getLong(offset * WORD);
    }

    /** Fails unless words [offset, offset + words) lie inside source segment {@code segment}. */
    private void check(int segment, long offset, long words) {
        if (segment < 0 || segment >= source.length) {
            throw bad("a pointer into segment " + Integer.toUnsignedString(segment) + " of " + source.length);
        }
        long size = source[segment].limit() / WORD;
        if (offset < 0 || offset + words > size) {
            throw bad("a pointer to words " + offset + ".." + (offset + words) + " of segment " + segment
                    + ", which has " + size);
        }
    }

    private void charge(long words) {
        wordsLeft -= words;
        if (wordsLeft < 0) {
            throw bad("more words than the traversal limit of " + limits.traversalLimitWords()
                    + " (a pointer loop?)");
        }
    }

    private static DecodeException bad(String what) {
        return new DecodeException("cannot copy the message: " + what);
    }

    /** The destination pointer's segment and word, as capnproto-java hands them to a factory. */
    private record Slot(SegmentBuilder segment, int pointer) {
        static final FromPointerBuilder<Slot> BUILDER = new FromPointerBuilder<>() {
            @Override
            public Slot fromPointerBuilder(SegmentBuilder segment, int pointer) {
                return new Slot(segment, pointer);
            }

            @Override
            public Slot initFromPointerBuilder(SegmentBuilder segment, int pointer, int elementCount) {
                return new Slot(segment, pointer);
            }
        };
    }
}
