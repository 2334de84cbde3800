package org.btcmp.mpgen.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.btcmp.mpgen.parse.Declaration;
import org.btcmp.mpgen.parse.Declaration.Kind;
import org.btcmp.mpgen.parse.Expression;
import org.btcmp.mpgen.parse.Located;

/** Checks the names in one scope: duplicates, capitalization, underscores, and what may appear where. */
final class NameChecker {
    private final Errors errors;
    private final Map<String, Located> names = new HashMap<>();

    NameChecker(Errors errors) {
        this.errors = errors;
    }

    void check(List<Declaration> nested, Kind parentKind) {
        for (Declaration d : nested) {
            checkName(d);
            switch (d.kind) {
                case USING, CONST, ENUM, STRUCT, INTERFACE, ANNOTATION -> {
                    if (parentKind != Kind.FILE && parentKind != Kind.STRUCT && parentKind != Kind.INTERFACE) {
                        errors.at(d.start, "This kind of declaration doesn't belong here.");
                    }
                }
                case ENUMERANT -> {
                    if (parentKind != Kind.ENUM) {
                        errors.at(d.start, "Enumerants can only appear in enums.");
                    }
                }
                case METHOD -> {
                    if (parentKind != Kind.INTERFACE) {
                        errors.at(d.start, "Methods can only appear in interfaces.");
                    }
                }
                case FIELD, UNION, GROUP -> {
                    if (parentKind != Kind.STRUCT && parentKind != Kind.UNION && parentKind != Kind.GROUP) {
                        errors.at(d.start, "This declaration can only appear in structs.");
                    }
                    if (d.name.text().isEmpty()) {
                        check(d.nested, d.kind);
                    } else {
                        new NameChecker(errors).check(d.nested, d.kind);
                    }
                }
                default -> errors.at(d.start, "This kind of declaration doesn't belong here.");
            }
        }
    }

    private void checkName(Declaration d) {
        Located name = d.name;
        String text = name.text();
        Located previous = names.putIfAbsent(text, name);
        if (previous != null) {
            if (text.isEmpty() && d.kind == Kind.UNION) {
                errors.at(name.start(), "An unnamed union is already defined in this scope.");
                errors.at(previous.start(), "Previously defined here.");
            } else {
                errors.at(name.start(), "'" + text + "' is already defined in this scope.");
                errors.at(previous.start(), "'" + text + "' previously defined here.");
            }
        }
        boolean lower = !text.isEmpty() && text.charAt(0) >= 'a' && text.charAt(0) <= 'z';
        boolean upper = !text.isEmpty() && text.charAt(0) >= 'A' && text.charAt(0) <= 'Z';
        switch (d.kind) {
            case USING -> {
                String target = targetName(d.target);
                if (target != null && !target.isEmpty() && target.charAt(0) >= 'a' && target.charAt(0) <= 'z') {
                    if (!text.isEmpty() && !lower) {
                        errors.at(name.start(), "Non-type names must begin with a lower-case letter.");
                    }
                } else if (!text.isEmpty() && !upper) {
                    errors.at(name.start(), "Type names must begin with a capital letter.");
                }
            }
            case ENUM, STRUCT, INTERFACE -> {
                if (!text.isEmpty() && !upper) {
                    errors.at(name.start(), "Type names must begin with a capital letter.");
                }
            }
            default -> {
                if (!text.isEmpty() && !lower) {
                    errors.at(name.start(), "Non-type names must begin with a lower-case letter.");
                }
            }
        }
        if (text.indexOf('_') >= 0) {
            errors.at(name.start(), "Cap'n Proto declaration names should use camelCase and must not contain "
                    + "underscores. (Code generators may convert names to the appropriate style for the target "
                    + "language.)");
        }
    }

    private static String targetName(Expression e) {
        if (e instanceof Expression.AbsoluteName a) {
            return a.name().text();
        } else if (e instanceof Expression.RelativeName r) {
            return r.name().text();
        } else if (e instanceof Expression.Application app) {
            return targetName(app.function());
        } else if (e instanceof Expression.Member m) {
            return m.name().text();
        }
        return null;
    }
}
