package org.btcmp.mpgen.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Writes random valid schemas: structs with unions, groups, nested unions, generics, defaults,
 * enums, interfaces, constants and annotations mixed at random, ordinals in random order so that
 * the layout's hole filling is exercised. Same seed, same schema.
 */
final class RandomSchemaGenerator {
    private static final String[] PRIMITIVES = {"Void", "Bool", "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16",
        "UInt32", "UInt64", "Float32", "Float64"};
    private final Random random;
    private final StringBuilder out = new StringBuilder();
    private final List<String> structs = new ArrayList<>();
    private final List<String> enums = new ArrayList<>();
    private final List<Integer> enumSizes = new ArrayList<>();
    private int counter;

    /** A field awaiting its ordinal: the text before and after the "@n". */
    private record Slot(String before, String after) {
    }

    private RandomSchemaGenerator(long seed) {
        random = new Random(seed);
    }

    static String generate(long seed) {
        return new RandomSchemaGenerator(seed).file();
    }

    private String file() {
        out.append(String.format("@0x%016x;%n", random.nextLong() | Long.MIN_VALUE));
        out.append("annotation tag(*) :UInt32;\n");
        out.append("annotation note(struct, field, enum, interface, method) :Note;\n");
        out.append("struct Note { text @0 :Text; level @1 :Int8 = -1; tags @2 :List(Text); }\n");
        out.append("struct Box(T) {\n  value @0 :T;\n  next @1 :Box(T);\n  n @2 :UInt16;\n"
                + "  struct Inner(U) { t @0 :T; u @1 :U; }\n  inner @3 :Inner(Data);\n}\n");
        structs.add("Box(Text)");
        structs.add("Box(Note).Inner(Text)");
        if (random.nextBoolean()) {
            out.append(String.format("struct Explicit @0x%016x { a @0 :UInt8; }%n", random.nextLong() | Long.MIN_VALUE));
            structs.add("Explicit");
        }
        int enumCount = random.nextInt(3);
        for (int i = 0; i < enumCount; i++) {
            String name = "E" + i;
            int size = 1 + random.nextInt(5);
            out.append("enum ").append(name).append(maybeAnnotation()).append(" {\n");
            List<Integer> ordinals = shuffled(size);
            for (int j = 0; j < size; j++) {
                out.append("  v").append(j).append(" @").append(ordinals.get(j)).append(";\n");
            }
            out.append("}\n");
            enums.add(name);
            enumSizes.add(size);
        }
        int structCount = 1 + random.nextInt(4);
        for (int i = 0; i < structCount; i++) {
            struct("S" + i, "S" + i, "");
        }
        if (random.nextBoolean()) {
            interfaceDecl();
        }
        int consts = random.nextInt(3);
        String firstConstType = null;
        for (int i = 0; i < consts; i++) {
            String type = primitiveNonVoid();
            if (firstConstType == null) {
                firstConstType = type;
            }
            out.append("const k").append(i).append(" :").append(type).append(" = ").append(literal(type)).append(";\n");
        }
        if (consts > 0 && random.nextBoolean()) {
            out.append("const copy :").append(firstConstType).append(" = .k0;\n");
        }
        if (random.nextBoolean()) {
            out.append("const noteConst :Note = (text = \"c\", tags = [\"x\", \"y\"]);\n");
            out.append("const noteList :List(Note) = [.noteConst, (level = 2)];\n");
        }
        return out.toString();
    }

    private List<Integer> shuffled(int n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        Collections.shuffle(list, random);
        return list;
    }

    private String maybeAnnotation() {
        return switch (random.nextInt(8)) {
            case 0, 1 -> " $tag(" + random.nextInt(1000) + ")";
            default -> "";
        };
    }

    /** An annotation with a struct value, for the kinds that `note` targets. */
    private String maybeNote() {
        return random.nextInt(6) == 0 ? " $note(text = \"n" + random.nextInt(100) + "\", tags = [\"a\", \"b\"])" : "";
    }

    private String primitiveNonVoid() {
        return PRIMITIVES[1 + random.nextInt(PRIMITIVES.length - 1)];
    }

    private void struct(String name, String qualified, String indent) {
        out.append(indent).append("struct ").append(name).append(maybeAnnotation()).append(maybeNote()).append(" {\n");
        List<Slot> slots = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        members(body, slots, indent + "  ", 1 + random.nextInt(6), true);
        List<Integer> ordinals = shuffled(slots.size());
        String text = body.toString();
        for (int i = 0; i < slots.size(); i++) {
            text = text.replace("@#" + i + "#", "@" + ordinals.get(i));
        }
        out.append(text);
        if (random.nextInt(5) == 0) {
            String nested = "N" + counter++;
            struct(nested, qualified + "." + nested, indent + "  ");
        }
        out.append(indent).append("}\n");
        structs.add(qualified);
    }

    private void members(StringBuilder body, List<Slot> slots, String indent, int count, boolean allowUnnamedUnion) {
        boolean unnamedUsed = false;
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                field(body, slots, indent);
            } else if (kind < 8 && allowUnnamedUnion && !unnamedUsed) {
                unnamedUsed = true;
                body.append(indent).append("union {\n");
                unionMembers(body, slots, indent + "  ");
                body.append(indent).append("}\n");
            } else if (kind == 8) {
                body.append(indent).append("u").append(counter++).append(" :union").append(maybeAnnotation()).append(" {\n");
                unionMembers(body, slots, indent + "  ");
                body.append(indent).append("}\n");
            } else {
                body.append(indent).append("g").append(counter++).append(" :group {\n");
                members(body, slots, indent + "  ", 1 + random.nextInt(3), true);
                body.append(indent).append("}\n");
            }
        }
    }

    private void unionMembers(StringBuilder body, List<Slot> slots, String indent) {
        int n = 2 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(16);
            if (kind < 5 || kind > 7) {
                field(body, slots, indent);
            } else if (kind < 7) {
                body.append(indent).append("g").append(counter++).append(" :group {\n");
                members(body, slots, indent + "  ", 1 + random.nextInt(3), kind == 5);
                body.append(indent).append("}\n");
            } else {
                body.append(indent).append("u").append(counter++).append(" :union {\n");
                unionMembers(body, slots, indent + "  ");
                body.append(indent).append("}\n");
            }
        }
    }

    private void field(StringBuilder body, List<Slot> slots, String indent) {
        String type = type();
        String name = "f" + counter++;
        body.append(indent).append(name).append(" @#").append(slots.size()).append("# :").append(type);
        slots.add(new Slot(name, type));
        if (random.nextInt(3) == 0) {
            String value = defaultFor(type);
            if (value != null) {
                body.append(" = ").append(value);
            }
        }
        body.append(maybeAnnotation()).append(";").append(random.nextInt(5) == 0 ? "  # doc " + name : "").append("\n");
    }

    private String type() {
        int k = random.nextInt(20);
        if (k < 10) {
            return PRIMITIVES[random.nextInt(PRIMITIVES.length)];
        } else if (k < 12) {
            return random.nextBoolean() ? "Text" : "Data";
        } else if (k < 14) {
            return "List(" + (random.nextBoolean() ? PRIMITIVES[random.nextInt(PRIMITIVES.length)] : "Text") + ")";
        } else if (k < 16 && !enums.isEmpty()) {
            return enums.get(random.nextInt(enums.size()));
        } else if (k < 18 && !structs.isEmpty()) {
            String s = structs.get(random.nextInt(structs.size()));
            return random.nextInt(3) == 0 ? "List(" + s + ")" : s;
        } else if (k == 18 && random.nextBoolean()) {
            return random.nextBoolean() ? "Note" : "List(Note)";
        } else if (k < 19) {
            return "Box(" + (structs.isEmpty() || random.nextBoolean() ? "Data" : structs.get(random.nextInt(structs.size()))) + ")";
        }
        return "AnyPointer";
    }

    private String defaultFor(String type) {
        if (type.startsWith("List(")) {
            String element = type.substring(5, type.length() - 1);
            if (element.equals("Text")) {
                return "[\"a\", \"bc\"]";
            }
            for (String p : PRIMITIVES) {
                if (p.equals(element)) {
                    StringBuilder sb = new StringBuilder("[");
                    int n = random.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        sb.append(i == 0 ? "" : ", ").append(literal(element));
                    }
                    return sb.append("]").toString();
                }
            }
            return null;
        }
        int e = enums.indexOf(type);
        if (e >= 0) {
            return "v" + random.nextInt(enumSizes.get(e));
        }
        if (type.equals("Text")) {
            return "\"t" + random.nextInt(100) + "\"";
        } else if (type.equals("Data")) {
            return "0x\"" + Integer.toHexString(16 + random.nextInt(200)) + "\"";
        } else if (type.startsWith("Box(Note).Inner(")) {
            return "(u = \"i\")";
        } else if (type.startsWith("Box(")) {
            return "(n = " + random.nextInt(65536) + ", inner = (u = 0x\"0102\"))";
        } else if (type.equals("Note")) {
            return "(text = \"d\", level = " + (random.nextInt(256) - 128) + ")";
        } else if (type.equals("List(Note)")) {
            return "[(text = \"x\"), (level = 3, tags = [\"t\"])]";
        }
        for (String p : PRIMITIVES) {
            if (p.equals(type)) {
                return literal(type);
            }
        }
        return null;
    }

    private String literal(String type) {
        return switch (type) {
            case "Void" -> "void";
            case "Bool" -> random.nextBoolean() ? "true" : "false";
            case "Int8" -> Integer.toString(random.nextInt(256) - 128);
            case "Int16" -> Integer.toString(random.nextInt(65536) - 32768);
            case "Int32" -> Integer.toString(random.nextInt());
            case "Int64" -> Long.toString(random.nextLong());
            case "UInt8" -> Integer.toString(random.nextInt(256));
            case "UInt16" -> "0x" + Integer.toHexString(random.nextInt(65536));
            case "UInt32" -> Long.toString(random.nextInt() & 0xffffffffL);
            case "UInt64" -> Long.toUnsignedString(random.nextLong());
            case "Float32" -> random.nextInt(5) == 0 ? "inf" : Float.toString(random.nextInt(10000) / 8f);
            default -> random.nextInt(5) == 0 ? "-inf" : Double.toString(random.nextGaussian() * 1e6);
        };
    }

    private void interfaceDecl() {
        out.append("interface Base(X) { get @0 () -> (x :X); }\n");
        out.append("interface I").append(random.nextBoolean() ? " extends(Base)" : "").append(maybeAnnotation())
                .append(maybeNote()).append(" {\n");
        int methods = 1 + random.nextInt(4);
        List<Integer> ordinals = shuffled(methods);
        for (int i = 0; i < methods; i++) {
            boolean generic = random.nextInt(4) == 0;
            out.append("  m").append(i).append(" @").append(ordinals.get(i)).append(generic ? " [M] (m :M, " : " (");
            int params = random.nextInt(3);
            for (int j = 0; j < params; j++) {
                out.append(j == 0 ? "" : ", ").append("p").append(j).append(" :").append(type());
            }
            if (generic && params == 0) {
                out.append("p :Box(M)");
            }
            out.append(") -> (r :").append(type()).append(")").append(maybeAnnotation()).append(";\n");
        }
        out.append("}\n");
    }
}
