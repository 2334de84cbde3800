package org.btcmp.mpgen.request;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.btcmp.mpgen.schema.Brand;
import org.btcmp.mpgen.schema.CompiledSchema;
import org.btcmp.mpgen.schema.Field;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.RequestedFile;
import org.btcmp.mpgen.schema.SourceInfo;
import org.btcmp.mpgen.schema.Type;
import org.btcmp.mpgen.schema.Value;
import org.capnproto.MessageBuilder;
import org.capnproto.Serialize;
import org.capnproto.StructList;

/**
 * Writes a compiled schema as a schema.capnp {@code CodeGeneratorRequest}. Offsets below are those
 * of schema.capnp's structs (facts of that schema; SchemaCapnpLayoutTest checks them against our compiler).
 */
public final class RequestWriter {
    /** The Cap'n Proto version we claim to be, the one whose compiler we agree with. */
    private static final int MAJOR = 0;
    private static final int MINOR = 9;
    private static final int MICRO = 2;

    private RequestWriter() {
    }

    /** Builds the request message. */
    public static MessageBuilder build(CompiledSchema schema) {
        MessageBuilder message = new MessageBuilder();
        RawStruct root = message.initRoot(RawStruct.factory(0, 4));
        RawStruct version = root.initStruct(2, 1, 0);
        version.setU16(0, MAJOR);
        version.setU8(2, MINOR);
        version.setU8(3, MICRO);
        List<Node> nodes = schema.nodes();
        StructList.Builder<RawStruct> nodeList = root.initStructList(0, nodes.size(), 5, 6);
        for (int i = 0; i < nodes.size(); i++) {
            writeNode(nodeList.get(i), nodes.get(i));
        }
        StructList.Builder<RawStruct> infos = root.initStructList(3, nodes.size(), 1, 2);
        for (int i = 0; i < nodes.size(); i++) {
            writeSourceInfo(infos.get(i), nodes.get(i));
        }
        List<RequestedFile> files = schema.requestedFiles();
        StructList.Builder<RawStruct> fileList = root.initStructList(1, files.size(), 1, 2);
        for (int i = 0; i < files.size(); i++) {
            RequestedFile f = files.get(i);
            RawStruct out = fileList.get(i);
            out.setU64(0, f.id());
            out.setText(0, f.filename());
            StructList.Builder<RawStruct> imports = out.initStructList(1, f.imports().size(), 1, 1);
            for (int j = 0; j < f.imports().size(); j++) {
                imports.get(j).setU64(0, f.imports().get(j).id());
                imports.get(j).setText(0, f.imports().get(j).name());
            }
        }
        return message;
    }

    /** Writes the request in the standard (unpacked) stream framing. */
    public static void write(CompiledSchema schema, WritableByteChannel out) throws IOException {
        Serialize.write(out, build(schema));
    }

    private static void writeSourceInfo(RawStruct out, Node n) {
        SourceInfo info = n.sourceInfo;
        if (info == null) {
            out.setU64(0, n.id);
            return;
        }
        out.setU64(0, info.id);
        if (info.docComment != null) {
            out.setText(0, info.docComment);
        }
        StructList.Builder<RawStruct> members = out.initStructList(1, info.members.size(), 0, 1);
        for (int i = 0; i < info.members.size(); i++) {
            if (info.members.get(i) != null) {
                members.get(i).setText(0, info.members.get(i));
            }
        }
    }

    private static void writeNode(RawStruct out, Node n) {
        out.setU64(0, n.id);
        out.setText(0, n.displayName);
        out.setU32(2, n.displayNamePrefixLength);
        out.setU64(2, n.scopeId);
        if (!n.parameters.isEmpty()) {
            writeParameters(out.initStructList(5, n.parameters.size(), 0, 1), n.parameters);
        }
        out.setBit(288, n.isGeneric);
        StructList.Builder<RawStruct> nested = out.initStructList(1, n.nestedNodes.size(), 1, 1);
        for (int i = 0; i < n.nestedNodes.size(); i++) {
            nested.get(i).setText(0, n.nestedNodes.get(i).name());
            nested.get(i).setU64(0, n.nestedNodes.get(i).id());
        }
        writeAnnotations(out, 2, n.annotations);
        out.setU16(6, n.kind.ordinal());
        switch (n.kind) {
            case FILE -> {
            }
            case STRUCT -> {
                out.setU16(7, n.dataWordCount);
                out.setU16(12, n.pointerCount);
                out.setU16(13, 7);
                out.setBit(224, n.isGroup);
                out.setU16(15, n.discriminantCount);
                out.setU32(8, n.discriminantOffset);
                if (!n.fields.isEmpty()) {
                    StructList.Builder<RawStruct> fields = out.initStructList(3, n.fields.size(), 3, 4);
                    for (int i = 0; i < n.fields.size(); i++) {
                        writeField(fields.get(i), n.fields.get(i));
                    }
                }
            }
            case ENUM -> {
                StructList.Builder<RawStruct> list = out.initStructList(3, n.enumerants.size(), 1, 2);
                for (int i = 0; i < n.enumerants.size(); i++) {
                    Node.Enumerant e = n.enumerants.get(i);
                    list.get(i).setText(0, e.name());
                    list.get(i).setU16(0, e.codeOrder());
                    writeAnnotations(list.get(i), 1, e.annotations());
                }
            }
            case INTERFACE -> {
                StructList.Builder<RawStruct> methods = out.initStructList(3, n.methods.size(), 3, 5);
                for (int i = 0; i < n.methods.size(); i++) {
                    writeMethod(methods.get(i), n.methods.get(i));
                }
                StructList.Builder<RawStruct> supers = out.initStructList(4, n.superclasses.size(), 1, 1);
                for (int i = 0; i < n.superclasses.size(); i++) {
                    supers.get(i).setU64(0, n.superclasses.get(i).id());
                    writeBrand(supers.get(i), 0, n.superclasses.get(i).brand());
                }
            }
            case CONST -> {
                writeType(out.initStruct(3, 3, 1), n.type);
                writeValue(out.initStruct(4, 2, 1), n.value);
            }
            case ANNOTATION -> {
                writeType(out.initStruct(3, 3, 1), n.type);
                for (int i = 0; i < n.targets.length; i++) {
                    out.setBit(112 + i, n.targets[i]);
                }
            }
        }
    }

    private static void writeParameters(StructList.Builder<RawStruct> list, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            list.get(i).setText(0, names.get(i));
        }
    }

    private static void writeField(RawStruct out, Field f) {
        out.setText(0, f.name);
        out.setU16(0, f.codeOrder);
        writeAnnotations(out, 1, f.annotations);
        out.setU16(1, f.discriminantValue ^ Field.NO_DISCRIMINANT);
        if (f.isGroup) {
            out.setU16(4, 1);
            out.setU64(2, f.groupTypeId);
        } else {
            out.setU32(1, f.offset);
            writeType(out.initStruct(2, 3, 1), f.type);
            writeValue(out.initStruct(3, 2, 1), f.defaultValue);
            out.setBit(128, f.hadExplicitDefault);
        }
        if (f.ordinal >= 0) {
            out.setU16(5, 1);
            out.setU16(6, f.ordinal);
        }
    }

    private static void writeMethod(RawStruct out, Node.Method m) {
        out.setText(0, m.name());
        out.setU16(0, m.codeOrder());
        writeParameters(out.initStructList(4, m.implicitParameters().size(), 0, 1), m.implicitParameters());
        out.setU64(1, m.paramStructType());
        writeBrand(out, 2, m.paramBrand());
        out.setU64(2, m.resultStructType());
        writeBrand(out, 3, m.resultBrand());
        writeAnnotations(out, 1, m.annotations());
    }

    private static void writeAnnotations(RawStruct out, int pointer, List<Node.Annotation> annotations) {
        if (annotations.isEmpty()) {
            return;
        }
        StructList.Builder<RawStruct> list = out.initStructList(pointer, annotations.size(), 1, 2);
        for (int i = 0; i < annotations.size(); i++) {
            Node.Annotation a = annotations.get(i);
            list.get(i).setU64(0, a.id());
            writeBrand(list.get(i), 1, a.brand());
            writeValue(list.get(i).initStruct(0, 2, 1), a.value());
        }
    }

    private static void writeBrand(RawStruct owner, int pointer, Brand brand) {
        if (brand == null) {
            return;
        }
        RawStruct out = owner.initStruct(pointer, 0, 1);
        StructList.Builder<RawStruct> scopes = out.initStructList(0, brand.scopes().size(), 2, 1);
        for (int i = 0; i < brand.scopes().size(); i++) {
            Brand.Scope s = brand.scopes().get(i);
            RawStruct so = scopes.get(i);
            so.setU64(0, s.scopeId());
            if (s.bindings() == null) {
                so.setU16(4, 1);
            } else {
                StructList.Builder<RawStruct> bindings = so.initStructList(0, s.bindings().size(), 1, 1);
                for (int j = 0; j < s.bindings().size(); j++) {
                    Type t = s.bindings().get(j);
                    if (t != null) {
                        bindings.get(j).setU16(0, 1);
                        writeType(bindings.get(j).initStruct(0, 3, 1), t);
                    }
                }
            }
        }
    }

    private static void writeType(RawStruct out, Type t) {
        out.setU16(0, t.which.ordinal());
        switch (t.which) {
            case LIST -> writeType(out.initStruct(0, 3, 1), t.elementType);
            case ENUM, STRUCT, INTERFACE -> {
                out.setU64(1, t.typeId);
                writeBrand(out, 0, t.brand);
            }
            case ANY_POINTER -> {
                switch (t.anyKind) {
                    case PARAMETER -> {
                        out.setU16(4, 1);
                        out.setU64(2, t.parameterScopeId);
                        out.setU16(5, t.parameterIndex);
                    }
                    case IMPLICIT_METHOD_PARAMETER -> {
                        out.setU16(4, 2);
                        out.setU16(5, t.parameterIndex);
                    }
                    default -> out.setU16(5, t.anyKind.ordinal());
                }
            }
            default -> {
            }
        }
    }

    private static void writeValue(RawStruct out, Value v) {
        out.setU16(0, v.which().ordinal());
        long b = v.bits();
        switch (v.which()) {
            case BOOL -> out.setBit(16, b != 0);
            case INT8, UINT8 -> out.setU8(2, (int) b);
            case INT16, UINT16, ENUM -> out.setU16(1, (int) b);
            case INT32, UINT32, FLOAT32 -> out.setU32(1, (int) b);
            case INT64, UINT64, FLOAT64 -> out.setU64(1, b);
            case TEXT, DATA, LIST, STRUCT, ANY_POINTER -> RawWriter.write(out.pointer(0), v.pointer());
            default -> {
            }
        }
    }
}
