package org.btcmp.mpgen.schema;

import java.util.ArrayList;
import java.util.List;

/** Doc comments of a node and of its members (fields, enumerants or methods, in the node's order). */
public final class SourceInfo {
    public long id;
    public String docComment;
    public final List<String> members = new ArrayList<>();

    public SourceInfo(long id) {
        this.id = id;
    }
}
