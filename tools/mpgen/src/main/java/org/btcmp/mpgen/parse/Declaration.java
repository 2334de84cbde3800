package org.btcmp.mpgen.parse;

import java.util.ArrayList;
import java.util.List;

/** One declaration of a schema file, with its nested declarations. Fields unused by a kind stay null. */
public final class Declaration {
    public enum Kind { FILE, USING, CONST, ENUM, STRUCT, INTERFACE, ANNOTATION, ENUMERANT, FIELD, UNION, GROUP, METHOD }

    /** An annotation application {@code $name(value)}; value is null when none was given. */
    public record AnnotationApplication(Expression name, Expression value) {
    }

    /** A method parameter or result field. */
    public record Param(Located name, Expression type, Expression defaultValue,
                        List<AnnotationApplication> annotations, int start, int end) {
    }

    /** A method's parameter or result list: exactly one of named, type or stream is set. */
    public record ParamList(List<Param> named, Expression type, boolean stream, int start, int end) {
    }

    public Kind kind;
    public Located name;
    /** Explicit {@code @0x...} id, or null. */
    public LocatedInteger uid;
    /** Ordinal {@code @n}, or null. */
    public LocatedInteger ordinal;
    public List<Located> genericParams = List.of();
    public List<AnnotationApplication> annotations = List.of();
    public List<Declaration> nested = new ArrayList<>();
    public int start;
    public int end;
    /** The doc comment following the declaration, or null. */
    public String docComment;

    /** using target; const/field/annotation type. */
    public Expression target;
    public Expression type;
    /** const value; field default value (null if none). */
    public Expression value;
    /** interface superclasses. */
    public List<Expression> superclasses = List.of();
    /** method params and results (results null when omitted). */
    public ParamList params;
    public ParamList results;
    /** annotation targets as written, e.g. "struct", "*". */
    public List<Located> targets = List.of();

    public Declaration(Kind kind) {
        this.kind = kind;
    }
}
