package org.btcmp.mpgen.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * The C++ compiler's field placement: fields are placed in ordinal order; data fields fill the
 * smallest fitting padding hole first; union members share space; groups share their parent's
 * sections. Offsets are in multiples of the field's own size.
 */
final class StructLayout {
    static final String ISSUE_344 = "Bad news: Cap'n Proto 0.5.x and previous contained a bug which would cause "
            + "this schema to be compiled incorrectly. Please see: https://github.com/sandstorm-io/capnproto/issues/344";

    /** Raised when the C++ compiler would refuse a layout because of its historical bug 344. */
    static final class Issue344 extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Issue344() {
            super(ISSUE_344);
        }
    }

    /** A scope that fields can be added to: the struct itself or a group. */
    interface Scope {
        void addVoid();

        int addData(int lgSize);

        int addPointer();

        boolean tryExpandData(int oldLgSize, int oldOffset, int expansionFactor);
    }

    /** The struct's own sections. */
    static final class Top implements Scope {
        int dataWordCount;
        int pointerCount;
        final HoleSet holes = new HoleSet();

        @Override
        public void addVoid() {
        }

        @Override
        public int addData(int lgSize) {
            int hole = holes.tryAllocate(lgSize);
            if (hole >= 0) {
                return hole;
            }
            int offset = dataWordCount++ << (6 - lgSize);
            holes.addHolesAtEnd(lgSize, offset + 1);
            return offset;
        }

        @Override
        public int addPointer() {
            return pointerCount++;
        }

        @Override
        public boolean tryExpandData(int oldLgSize, int oldOffset, int expansionFactor) {
            return holes.tryExpand(oldLgSize, oldOffset, expansionFactor);
        }
    }

    /** A union: the space its members share, allocated from the parent on demand. */
    static final class Union {
        /** A piece of the parent's data section given to the union. */
        static final class DataLocation {
            int lgSize;
            int offset;

            DataLocation(int lgSize, int offset) {
                this.lgSize = lgSize;
                this.offset = offset;
            }

            boolean tryExpandTo(Union u, int newLgSize) {
                if (newLgSize <= lgSize) {
                    return true;
                }
                if (u.parent.tryExpandData(lgSize, offset, newLgSize - lgSize)) {
                    offset >>= (newLgSize - lgSize);
                    lgSize = newLgSize;
                    return true;
                }
                return false;
            }
        }

        final Scope parent;
        int groupCount;
        int discriminantOffset = -1;
        final List<DataLocation> dataLocations = new ArrayList<>();
        final List<Integer> pointerLocations = new ArrayList<>();

        Union(Scope parent) {
            this.parent = parent;
        }

        int addNewDataLocation(int lgSize) {
            int offset = parent.addData(lgSize);
            dataLocations.add(new DataLocation(lgSize, offset));
            return offset;
        }

        int addNewPointerLocation() {
            int p = parent.addPointer();
            pointerLocations.add(p);
            return p;
        }

        void newGroupAddingFirstMember() {
            if (++groupCount == 2) {
                addDiscriminant();
            }
        }

        /** Places the 16-bit discriminant if not yet placed; true if it was placed now. */
        boolean addDiscriminant() {
            if (discriminantOffset < 0) {
                discriminantOffset = parent.addData(4);
                return true;
            }
            return false;
        }
    }

    /** One member of a union (a group, or a single field treated as a one-field group). */
    static final class Group implements Scope {
        /** How much of one union data location this group uses. */
        static final class DataLocationUsage {
            boolean isUsed;
            int lgSizeUsed;
            final HoleSet holes = new HoleSet();

            DataLocationUsage() {
            }

            DataLocationUsage(int lgSize) {
                isUsed = true;
                lgSizeUsed = lgSize;
            }

            /** lg size of the smallest hole that fits, or -1. */
            int smallestHoleAtLeast(Union.DataLocation location, int lgSize) {
                if (!isUsed) {
                    return lgSize <= location.lgSize ? location.lgSize : -1;
                } else if (lgSize >= lgSizeUsed) {
                    return lgSize < location.lgSize ? lgSize : -1;
                }
                int hole = holes.smallestAtLeast(lgSize);
                if (hole >= 0) {
                    return hole;
                }
                return lgSizeUsed < location.lgSize ? lgSizeUsed : -1;
            }

            int allocateFromHole(Union.DataLocation location, int lgSize) {
                int result;
                if (!isUsed) {
                    result = 0;
                    isUsed = true;
                    lgSizeUsed = lgSize;
                } else if (lgSize >= lgSizeUsed) {
                    holes.addHolesAtEnd(lgSizeUsed, 1, lgSize);
                    lgSizeUsed = lgSize + 1;
                    result = 1;
                } else {
                    int hole = holes.tryAllocate(lgSize);
                    if (hole >= 0) {
                        result = hole;
                    } else {
                        result = 1 << (lgSizeUsed - lgSize);
                        holes.addHolesAtEnd(lgSize, result + 1, lgSizeUsed);
                        lgSizeUsed += 1;
                    }
                }
                int locationOffset = location.offset << (location.lgSize - lgSize);
                return locationOffset + result;
            }

            int tryAllocateByExpanding(Group group, Union.DataLocation location, int lgSize) {
                if (!isUsed) {
                    if (location.tryExpandTo(group.parent, lgSize)) {
                        isUsed = true;
                        lgSizeUsed = lgSize;
                        return location.offset << (location.lgSize - lgSize);
                    }
                    return -1;
                }
                int newSize = Math.max(lgSizeUsed, lgSize) + 1;
                if (tryExpandUsage(group, location, newSize, true)) {
                    int result = holes.tryAllocate(lgSize);
                    int locationOffset = location.offset << (location.lgSize - lgSize);
                    return locationOffset + result;
                }
                return -1;
            }

            boolean tryExpand(Group group, Union.DataLocation location, int oldLgSize, int oldOffset,
                              int expansionFactor) {
                if (oldOffset == 0 && lgSizeUsed == oldLgSize) {
                    return tryExpandUsage(group, location, oldLgSize + expansionFactor, false);
                }
                return holes.tryExpand(oldLgSize, oldOffset, expansionFactor);
            }

            private boolean tryExpandUsage(Group group, Union.DataLocation location, int desiredUsage,
                                           boolean newHoles) {
                if (desiredUsage > location.lgSize && !location.tryExpandTo(group.parent, desiredUsage)) {
                    return false;
                }
                if (newHoles) {
                    holes.addHolesAtEnd(lgSizeUsed, 1, desiredUsage);
                } else {
                    throw new Issue344();
                }
                lgSizeUsed = desiredUsage;
                return true;
            }
        }

        final Union parent;
        final List<DataLocationUsage> parentDataLocationUsage = new ArrayList<>();
        int parentPointerLocationUsage;
        boolean hasMembers;

        Group(Union parent) {
            this.parent = parent;
        }

        void addMember() {
            if (!hasMembers) {
                hasMembers = true;
                parent.newGroupAddingFirstMember();
            }
        }

        @Override
        public void addVoid() {
            addMember();
            parent.parent.addVoid();
        }

        @Override
        public int addData(int lgSize) {
            addMember();
            int bestSize = Integer.MAX_VALUE;
            int bestLocation = -1;
            for (int i = 0; i < parent.dataLocations.size(); i++) {
                if (parentDataLocationUsage.size() == i) {
                    parentDataLocationUsage.add(new DataLocationUsage());
                }
                int hole = parentDataLocationUsage.get(i).smallestHoleAtLeast(parent.dataLocations.get(i), lgSize);
                if (hole >= 0 && hole < bestSize) {
                    bestSize = hole;
                    bestLocation = i;
                }
            }
            if (bestLocation >= 0) {
                return parentDataLocationUsage.get(bestLocation)
                        .allocateFromHole(parent.dataLocations.get(bestLocation), lgSize);
            }
            for (int i = 0; i < parent.dataLocations.size(); i++) {
                int result = parentDataLocationUsage.get(i)
                        .tryAllocateByExpanding(this, parent.dataLocations.get(i), lgSize);
                if (result >= 0) {
                    return result;
                }
            }
            int result = parent.addNewDataLocation(lgSize);
            parentDataLocationUsage.add(new DataLocationUsage(lgSize));
            return result;
        }

        @Override
        public int addPointer() {
            addMember();
            if (parentPointerLocationUsage < parent.pointerLocations.size()) {
                return parent.pointerLocations.get(parentPointerLocationUsage++);
            }
            parentPointerLocationUsage++;
            return parent.addNewPointerLocation();
        }

        @Override
        public boolean tryExpandData(int oldLgSize, int oldOffset, int expansionFactor) {
            boolean mustFail = oldLgSize + expansionFactor > 6 || (oldOffset & ((1 << expansionFactor) - 1)) != 0;
            for (int i = 0; i < parentDataLocationUsage.size(); i++) {
                Union.DataLocation location = parent.dataLocations.get(i);
                if (location.lgSize >= oldLgSize && oldOffset >> (location.lgSize - oldLgSize) == location.offset) {
                    int localOldOffset = oldOffset - (location.offset << (location.lgSize - oldLgSize));
                    boolean result = parentDataLocationUsage.get(i)
                            .tryExpand(this, location, oldLgSize, localOldOffset, expansionFactor);
                    if (mustFail && result) {
                        throw new Issue344();
                    }
                    return result;
                }
            }
            throw new IllegalStateException("Tried to expand field that was never allocated.");
        }
    }

    final Top top = new Top();
}
