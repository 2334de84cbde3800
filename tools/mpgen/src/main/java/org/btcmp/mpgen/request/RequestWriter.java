package org.btcmp.mpgen.request;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.btcmp.mpgen.bootstrap.Schema;
import org.btcmp.mpgen.schema.Brand;
import org.btcmp.mpgen.schema.CompiledSchema;
import org.btcmp.mpgen.schema.Field;
import org.btcmp.mpgen.schema.Node;
import org.btcmp.mpgen.schema.RawPointer;
import org.btcmp.mpgen.schema.RequestedFile;
import org.btcmp.mpgen.schema.SourceInfo;
import org.btcmp.mpgen.schema.Type;
import org.btcmp.mpgen.schema.Value;
import org.capnproto.Data;
import org.capnproto.MessageBuilder;
import org.capnproto.Serialize;
import org.capnproto.StructList;
import org.capnproto.Text;

/**
 * Writes a compiled schema as a schema.capnp {@code CodeGeneratorRequest}, through the builders mpgen
 * generated from schema.capnp itself ({@link Schema}, see BootstrapTest).
 */
public final class RequestWriter {
    /** The Cap'n Proto version we claim to be, the one whose compiler we agree with. */
    private static final short MAJOR = 0;
    private static final byte MINOR = 9;
    private static final byte MICRO = 2;
    private static final org.capnproto.Void VOID = org.capnproto.Void.VOID;

    private RequestWriter() {
    }

    /** Builds the request message. */
    public static MessageBuilder build(CompiledSchema schema) {
        MessageBuilder message = new MessageBuilder();
        Schema.CodeGeneratorRequest.Builder request = message.initRoot(Schema.CodeGeneratorRequest.factory);
        Schema.CapnpVersion.Builder version = request.initCapnpVersion();
        version.setMajor(MAJOR);
        version.setMinor(MINOR);
        version.setMicro(MICRO);
        List<Node> nodes = schema.nodes();
        StructList.Builder<Schema.Node.Builder> nodeList = request.initNodes(nodes.size());
        StructList.Builder<Schema.Node.SourceInfo.Builder> infos = request.initSourceInfo(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            writeNode(nodeList.get(i), nodes.get(i));
            writeSourceInfo(infos.get(i), nodes.get(i));
        }
        List<RequestedFile> files = schema.requestedFiles();
        StructList.Builder<Schema.CodeGeneratorRequest.RequestedFile.Builder> fileList =
                request.initRequestedFiles(files.size());
        for (int i = 0; i < files.size(); i++) {
            RequestedFile f = files.get(i);
            Schema.CodeGeneratorRequest.RequestedFile.Builder out = fileList.get(i);
            out.setId(f.id());
            out.setFilename(f.filename());
            var imports = out.initImports(f.imports().size());
            for (int j = 0; j < f.imports().size(); j++) {
                imports.get(j).setId(f.imports().get(j).id());
                imports.get(j).setName(f.imports().get(j).name());
            }
        }
        return message;
    }

    /** Writes the request in the standard (unpacked) stream framing. */
    public static void write(CompiledSchema schema, WritableByteChannel out) throws IOException {
        Serialize.write(out, build(schema));
    }

    private static void writeSourceInfo(Schema.Node.SourceInfo.Builder out, Node n) {
        SourceInfo info = n.sourceInfo;
        out.setId(info == null ? n.id : info.id);
        if (info == null) {
            return;
        }
        if (info.docComment != null) {
            out.setDocComment(info.docComment);
        }
        var members = out.initMembers(info.members.size());
        for (int i = 0; i < info.members.size(); i++) {
            if (info.members.get(i) != null) {
                members.get(i).setDocComment(info.members.get(i));
            }
        }
    }

    private static void writeNode(Schema.Node.Builder out, Node n) {
        out.setId(n.id);
        out.setDisplayName(n.displayName);
        out.setDisplayNamePrefixLength(n.displayNamePrefixLength);
        out.setScopeId(n.scopeId);
        if (!n.parameters.isEmpty()) {
            writeParameters(out.initParameters(n.parameters.size()), n.parameters);
        }
        out.setIsGeneric(n.isGeneric);
        boolean declared = !n.isGroup && !(n.kind == Node.Kind.STRUCT && n.scopeId == 0);
        if (declared) {
            // capnp lists nested nodes (maybe none) for declarations only, not for groups or param structs.
            var nested = out.initNestedNodes(n.nestedNodes.size());
            for (int i = 0; i < n.nestedNodes.size(); i++) {
                nested.get(i).setName(n.nestedNodes.get(i).name());
                nested.get(i).setId(n.nestedNodes.get(i).id());
            }
        }
        if (!n.annotations.isEmpty()) {
            writeAnnotations(out.initAnnotations(n.annotations.size()), n.annotations);
        }
        switch (n.kind) {
            case FILE -> out.setFile(VOID);
            case STRUCT -> writeStruct(out.initStruct(), n);
            case ENUM -> {
                var list = out.initEnum().initEnumerants(n.enumerants.size());
                for (int i = 0; i < n.enumerants.size(); i++) {
                    Node.Enumerant e = n.enumerants.get(i);
                    list.get(i).setName(e.name());
                    list.get(i).setCodeOrder((short) e.codeOrder());
                    if (!e.annotations().isEmpty()) {
                        writeAnnotations(list.get(i).initAnnotations(e.annotations().size()), e.annotations());
                    }
                }
            }
            case INTERFACE -> {
                Schema.Node.Interface.Builder iface = out.initInterface();
                var methods = iface.initMethods(n.methods.size());
                for (int i = 0; i < n.methods.size(); i++) {
                    writeMethod(methods.get(i), n.methods.get(i));
                }
                var supers = iface.initSuperclasses(n.superclasses.size());
                for (int i = 0; i < n.superclasses.size(); i++) {
                    supers.get(i).setId(n.superclasses.get(i).id());
                    if (n.superclasses.get(i).brand() != null) {
                        writeBrand(supers.get(i).initBrand(), n.superclasses.get(i).brand());
                    }
                }
            }
            case CONST -> {
                Schema.Node.Const.Builder c = out.initConst();
                writeType(c.initType(), n.type);
                writeValue(c.initValue(), n.value);
            }
            case ANNOTATION -> {
                Schema.Node.Annotation.Builder a = out.initAnnotation();
                writeType(a.initType(), n.type);
                boolean[] t = n.targets;
                a.setTargetsFile(t[Node.Target.FILE.ordinal()]);
                a.setTargetsConst(t[Node.Target.CONST.ordinal()]);
                a.setTargetsEnum(t[Node.Target.ENUM.ordinal()]);
                a.setTargetsEnumerant(t[Node.Target.ENUMERANT.ordinal()]);
                a.setTargetsStruct(t[Node.Target.STRUCT.ordinal()]);
                a.setTargetsField(t[Node.Target.FIELD.ordinal()]);
                a.setTargetsUnion(t[Node.Target.UNION.ordinal()]);
                a.setTargetsGroup(t[Node.Target.GROUP.ordinal()]);
                a.setTargetsInterface(t[Node.Target.INTERFACE.ordinal()]);
                a.setTargetsMethod(t[Node.Target.METHOD.ordinal()]);
                a.setTargetsParam(t[Node.Target.PARAM.ordinal()]);
                a.setTargetsAnnotation(t[Node.Target.ANNOTATION.ordinal()]);
            }
        }
    }

    private static void writeStruct(Schema.Node.Struct.Builder out, Node n) {
        out.setDataWordCount((short) n.dataWordCount);
        out.setPointerCount((short) n.pointerCount);
        out.setPreferredListEncoding(Schema.ElementSize.INLINE_COMPOSITE);
        out.setIsGroup(n.isGroup);
        out.setDiscriminantCount((short) n.discriminantCount);
        out.setDiscriminantOffset(n.discriminantOffset);
        if (!n.fields.isEmpty()) {
            var fields = out.initFields(n.fields.size());
            for (int i = 0; i < n.fields.size(); i++) {
                writeField(fields.get(i), n.fields.get(i));
            }
        }
    }

    private static void writeParameters(StructList.Builder<Schema.Node.Parameter.Builder> list, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            list.get(i).setName(names.get(i));
        }
    }

    private static void writeField(Schema.Field.Builder out, Field f) {
        out.setName(f.name);
        out.setCodeOrder((short) f.codeOrder);
        if (!f.annotations.isEmpty()) {
            writeAnnotations(out.initAnnotations(f.annotations.size()), f.annotations);
        }
        out.setDiscriminantValue((short) f.discriminantValue);
        if (f.isGroup) {
            out.initGroup().setTypeId(f.groupTypeId);
        } else {
            Schema.Field.Slot.Builder slot = out.initSlot();
            slot.setOffset(f.offset);
            writeType(slot.initType(), f.type);
            writeValue(slot.initDefaultValue(), f.defaultValue);
            slot.setHadExplicitDefault(f.hadExplicitDefault);
        }
        if (f.ordinal >= 0) {
            out.initOrdinal().setExplicit((short) f.ordinal);
        } else {
            out.initOrdinal().setImplicit(VOID);
        }
    }

    private static void writeMethod(Schema.Method.Builder out, Node.Method m) {
        out.setName(m.name());
        out.setCodeOrder((short) m.codeOrder());
        writeParameters(out.initImplicitParameters(m.implicitParameters().size()), m.implicitParameters());
        out.setParamStructType(m.paramStructType());
        if (m.paramBrand() != null) {
            writeBrand(out.initParamBrand(), m.paramBrand());
        }
        out.setResultStructType(m.resultStructType());
        if (m.resultBrand() != null) {
            writeBrand(out.initResultBrand(), m.resultBrand());
        }
        if (!m.annotations().isEmpty()) {
            writeAnnotations(out.initAnnotations(m.annotations().size()), m.annotations());
        }
    }

    private static void writeAnnotations(StructList.Builder<Schema.Annotation.Builder> list,
                                         List<Node.Annotation> annotations) {
        for (int i = 0; i < annotations.size(); i++) {
            Node.Annotation a = annotations.get(i);
            list.get(i).setId(a.id());
            // capnp always gives an annotation a brand (it reads it through a builder, which creates it).
            Schema.Brand.Builder brand = list.get(i).initBrand();
            if (a.brand() != null) {
                writeBrand(brand, a.brand());
            }
            writeValue(list.get(i).initValue(), a.value());
        }
    }

    private static void writeBrand(Schema.Brand.Builder out, Brand brand) {
        var scopes = out.initScopes(brand.scopes().size());
        for (int i = 0; i < brand.scopes().size(); i++) {
            Brand.Scope s = brand.scopes().get(i);
            Schema.Brand.Scope.Builder so = scopes.get(i);
            so.setScopeId(s.scopeId());
            if (s.bindings() == null) {
                so.setInherit(VOID);
            } else {
                var bindings = so.initBind(s.bindings().size());
                for (int j = 0; j < s.bindings().size(); j++) {
                    Type t = s.bindings().get(j);
                    if (t == null) {
                        bindings.get(j).setUnbound(VOID);
                    } else {
                        writeType(bindings.get(j).initType(), t);
                    }
                }
            }
        }
    }

    private static void writeType(Schema.Type.Builder out, Type t) {
        switch (t.which) {
            case VOID -> out.setVoid(VOID);
            case BOOL -> out.setBool(VOID);
            case INT8 -> out.setInt8(VOID);
            case INT16 -> out.setInt16(VOID);
            case INT32 -> out.setInt32(VOID);
            case INT64 -> out.setInt64(VOID);
            case UINT8 -> out.setUint8(VOID);
            case UINT16 -> out.setUint16(VOID);
            case UINT32 -> out.setUint32(VOID);
            case UINT64 -> out.setUint64(VOID);
            case FLOAT32 -> out.setFloat32(VOID);
            case FLOAT64 -> out.setFloat64(VOID);
            case TEXT -> out.setText(VOID);
            case DATA -> out.setData(VOID);
            case LIST -> writeType(out.initList().initElementType(), t.elementType);
            case ENUM -> {
                var e = out.initEnum();
                e.setTypeId(t.typeId);
                if (t.brand != null) {
                    writeBrand(e.initBrand(), t.brand);
                }
            }
            case STRUCT -> {
                var s = out.initStruct();
                s.setTypeId(t.typeId);
                if (t.brand != null) {
                    writeBrand(s.initBrand(), t.brand);
                }
            }
            case INTERFACE -> {
                var i = out.initInterface();
                i.setTypeId(t.typeId);
                if (t.brand != null) {
                    writeBrand(i.initBrand(), t.brand);
                }
            }
            case ANY_POINTER -> {
                Schema.Type.AnyPointer.Builder a = out.initAnyPointer();
                switch (t.anyKind) {
                    case ANY -> a.initUnconstrained().setAnyKind(VOID);
                    case STRUCT -> a.initUnconstrained().setStruct(VOID);
                    case LIST -> a.initUnconstrained().setList(VOID);
                    case CAPABILITY -> a.initUnconstrained().setCapability(VOID);
                    case PARAMETER -> {
                        var p = a.initParameter();
                        p.setScopeId(t.parameterScopeId);
                        p.setParameterIndex((short) t.parameterIndex);
                    }
                    case IMPLICIT_METHOD_PARAMETER -> a.initImplicitMethodParameter()
                            .setParameterIndex((short) t.parameterIndex);
                }
            }
        }
    }

    private static void writeValue(Schema.Value.Builder out, Value v) {
        long b = v.bits();
        switch (v.which()) {
            case VOID -> out.setVoid(VOID);
            case BOOL -> out.setBool(b != 0);
            case INT8 -> out.setInt8((byte) b);
            case INT16 -> out.setInt16((short) b);
            case INT32 -> out.setInt32((int) b);
            case INT64 -> out.setInt64(b);
            case UINT8 -> out.setUint8((byte) b);
            case UINT16 -> out.setUint16((short) b);
            case UINT32 -> out.setUint32((int) b);
            case UINT64 -> out.setUint64(b);
            case FLOAT32 -> out.setFloat32(Float.intBitsToFloat((int) b));
            case FLOAT64 -> out.setFloat64(Double.longBitsToDouble(b));
            case TEXT -> out.setText(v.pointer() instanceof RawPointer.Blob blob
                    ? new Text.Reader(ByteBuffer.wrap(blob.bytes()), 0, blob.bytes().length) : null);
            case DATA -> out.setData(v.pointer() instanceof RawPointer.Blob blob ? new Data.Reader(blob.bytes()) : null);
            case LIST -> RawWriter.write(out.initList(), v.pointer());
            case ENUM -> out.setEnum((short) b);
            case STRUCT -> RawWriter.write(out.initStruct(), v.pointer());
            case INTERFACE -> out.setInterface(VOID);
            case ANY_POINTER -> RawWriter.write(out.initAnyPointer(), v.pointer());
        }
    }
}
