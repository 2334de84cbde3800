package org.btcmp.mpgen.schema;

import java.util.ArrayList;
import java.util.List;

/** A schema node as in schema.capnp's {@code Node}. Kind-specific fields are used by that kind only. */
public final class Node {
    /** The union discriminant order of schema.capnp. */
    public enum Kind { FILE, STRUCT, ENUM, INTERFACE, CONST, ANNOTATION }

    /** Annotation targets in schema.capnp's order (targetsFile ... targetsAnnotation). */
    public enum Target { FILE, CONST, ENUM, ENUMERANT, STRUCT, FIELD, UNION, GROUP, INTERFACE, METHOD, PARAM, ANNOTATION }

    public long id;
    public String displayName;
    public int displayNamePrefixLength;
    public long scopeId;
    public List<String> parameters = List.of();
    public boolean isGeneric;
    public final List<NestedNode> nestedNodes = new ArrayList<>();
    public List<Annotation> annotations = List.of();
    public Kind kind;

    // struct
    public int dataWordCount;
    public int pointerCount;
    public boolean isGroup;
    public int discriminantCount;
    public int discriminantOffset;
    public List<Field> fields = new ArrayList<>();

    // enum
    public List<Enumerant> enumerants = new ArrayList<>();

    // interface
    public List<Method> methods = new ArrayList<>();
    public List<Superclass> superclasses = new ArrayList<>();

    // const and annotation
    public Type type;
    public Value value;
    public final boolean[] targets = new boolean[Target.values().length];

    /** Doc comments; its id is set when the node's id is known. */
    public SourceInfo sourceInfo;

    /** The name after the scope prefix, e.g. "Inner" for "file.capnp:Outer.Inner". */
    public String shortName() {
        return displayName.substring(displayNamePrefixLength);
    }

    public record NestedNode(String name, long id) {
    }

    public record Enumerant(String name, int codeOrder, List<Annotation> annotations) {
    }

    public record Superclass(long id, Brand brand) {
    }

    public record Annotation(long id, Brand brand, Value value) {
    }

    /** A method; param/result brands are null when unbranded. */
    public record Method(String name, int codeOrder, List<String> implicitParameters, long paramStructType,
                         Brand paramBrand, long resultStructType, Brand resultBrand, List<Annotation> annotations) {
    }
}
