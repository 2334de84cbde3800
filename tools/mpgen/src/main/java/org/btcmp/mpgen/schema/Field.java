package org.btcmp.mpgen.schema;

import java.util.List;

/** A struct field as in schema.capnp's {@code Field}: a slot or a group. */
public final class Field {
    public static final int NO_DISCRIMINANT = 0xffff;

    public String name;
    public int codeOrder;
    public List<Node.Annotation> annotations = List.of();
    public int discriminantValue = NO_DISCRIMINANT;
    public boolean isGroup;
    /** Slot: offset in multiples of the type's size (bits for Bool, pointers for pointer types). */
    public int offset;
    public Type type;
    public Value defaultValue;
    public boolean hadExplicitDefault;
    /** Group: the group node's id. */
    public long groupTypeId;
    /** The explicit ordinal, or -1 for implicit (groups and unions). */
    public int ordinal = -1;
}
