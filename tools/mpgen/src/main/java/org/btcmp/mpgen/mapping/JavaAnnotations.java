package org.btcmp.mpgen.mapping;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.btcmp.mpgen.compile.TypeIds;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.RawPointer;

/** The ids of /mpgen/java.capnp's annotations and of /mp/proxy.capnp's nodes the mapping relies on. */
public final class JavaAnnotations {
    /** java.capnp's file id. */
    public static final long FILE = 0xad06a12ff0891d94L;
    public static final long WRAPS = TypeIds.child(FILE, "wraps");
    public static final long NAME = TypeIds.child(FILE, "name");
    public static final long CONVERTER = TypeIds.child(FILE, "converter");
    /** libmultiprocess's proxy.capnp file id and its Context struct. */
    public static final long PROXY_FILE = 0xcc316e3f71a040fbL;
    public static final long CONTEXT = TypeIds.child(PROXY_FILE, "Context");
    public static final long THREAD_MAP = TypeIds.child(PROXY_FILE, "ThreadMap");

    private JavaAnnotations() {
    }

    /** The Text value of annotation {@code id} among {@code annotations}, or null. */
    public static String text(List<Node.Annotation> annotations, long id) {
        for (Node.Annotation a : annotations) {
            if (a.id() == id && a.value().pointer() instanceof RawPointer.Blob b) {
                return new String(b.bytes(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
