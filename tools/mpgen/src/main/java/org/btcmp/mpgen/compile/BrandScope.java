package org.btcmp.mpgen.compile;

import java.util.ArrayList;
import java.util.List;
import org.btcmp.mpgen.parse.Expression;
import org.btcmp.mpgen.parse.Located;
import org.btcmp.mpgen.schema.Brand;
import org.btcmp.mpgen.schema.Type;

/**
 * The generic bindings in effect at one point: one level per enclosing generic scope, each either
 * bound to explicit types or inherited from wherever the name is used (the C++ compiler's BrandScope).
 */
final class BrandScope {
    private final Errors errors;
    private BrandScope parent;
    private final long leafId;
    private int leafParamCount;
    private boolean inherited;
    private List<BrandedDecl> params = List.of();

    /** The unbound scope of a declaration and all its lexical parents. */
    BrandScope(Errors errors, CompilerNode start) {
        this.errors = errors;
        this.leafId = start.id;
        this.leafParamCount = start.genericParamCount;
        this.inherited = true;
        if (start.parent != null) {
            parent = new BrandScope(errors, start.parent);
        }
    }

    private BrandScope(Errors errors, BrandScope parent, long leafId, int leafParamCount) {
        this.errors = errors;
        this.parent = parent;
        this.leafId = leafId;
        this.leafParamCount = leafParamCount;
    }

    private BrandScope(Errors errors, long leafId) {
        this.errors = errors;
        this.leafId = leafId;
    }

    long scopeId() {
        return leafId;
    }

    boolean isGeneric() {
        return leafParamCount > 0 || (parent != null && parent.isGeneric());
    }

    BrandScope push(long typeId, int paramCount) {
        return new BrandScope(errors, this, typeId, paramCount);
    }

    /** This scope with its leaf bound to params, or null after reporting a count mismatch. */
    BrandScope setParams(List<BrandedDecl> newParams, DeclKind genericKind, Expression source) {
        if (!params.isEmpty()) {
            errors.at(source, "Double-application of generic parameters.");
            return null;
        } else if (newParams.size() > leafParamCount) {
            errors.at(source, leafParamCount == 0 ? "Declaration does not accept generic parameters."
                    : "Too many generic parameters.");
            return null;
        } else if (newParams.size() < leafParamCount) {
            errors.at(source, "Not enough generic parameters.");
            return null;
        }
        if (genericKind != DeclKind.BUILTIN_LIST) {
            for (BrandedDecl p : newParams) {
                DeclKind k = p.kind();
                if (k != null && k != DeclKind.BUILTIN_LIST && k != DeclKind.BUILTIN_TEXT && k != DeclKind.BUILTIN_DATA
                        && k != DeclKind.BUILTIN_ANY_POINTER && k != DeclKind.STRUCT && k != DeclKind.INTERFACE) {
                    p.error(errors, "Sorry, only pointer types can be used as generic parameters.");
                }
            }
        }
        BrandScope result = new BrandScope(errors, parent, leafId, leafParamCount);
        result.params = List.copyOf(newParams);
        return result;
    }

    BrandScope pop(long newLeafId) {
        if (leafId == newLeafId) {
            return this;
        }
        if (parent != null) {
            return parent.pop(newLeafId);
        }
        return new BrandScope(errors, newLeafId);
    }

    /** The binding of a parameter, or null if it is inherited from the scope of use. */
    BrandedDecl lookupParameter(CompilerNode resolver, long scopeId, int index) {
        if (scopeId == leafId) {
            if (index < params.size()) {
                return params.get(index);
            } else if (inherited) {
                return null;
            }
            CompilerNode any = resolver.compiler.builtin(DeclKind.BUILTIN_ANY_POINTER);
            return new BrandedDecl(any, new BrandScope(errors, any.id), null);
        } else if (parent != null) {
            return parent.lookupParameter(resolver, scopeId, index);
        }
        throw new IllegalStateException("scope is not a parent");
    }

    /** The bindings of a scope, or null if inherited. */
    List<BrandedDecl> getParams(long scopeId) {
        if (scopeId == leafId) {
            return inherited ? null : params;
        } else if (parent != null) {
            return parent.getParams(scopeId);
        }
        throw new IllegalStateException("scope is not a parent");
    }

    BrandedDecl listParam(long listId) {
        List<BrandedDecl> p = getParams(listId);
        return p != null && p.size() == 1 ? p.get(0) : null;
    }

    BrandedDecl interpretResolve(CompilerNode resolver, Resolved result, Expression source) {
        if (result instanceof Resolved.Decl d) {
            BrandScope scope = pop(d.scopeId());
            if (d.brand() != null) {
                scope = scope.evaluateBrand(resolver, d.node(), d.brand().scopes(), 0);
            } else {
                scope = scope.push(d.node().id, d.node().genericParamCount);
            }
            return new BrandedDecl(d.node(), scope, source);
        }
        Resolved.Param p = (Resolved.Param) result;
        BrandedDecl bound = lookupParameter(resolver, p.scopeId(), p.index());
        return bound != null ? bound : new BrandedDecl(p, source);
    }

    private BrandScope evaluateBrand(CompilerNode resolver, CompilerNode decl, List<Brand.Scope> brand, int index) {
        BrandScope result = new BrandScope(errors, decl.id);
        result.leafParamCount = decl.genericParamCount;
        if (index < brand.size()) {
            Brand.Scope next = brand.get(index);
            if (decl.id == next.scopeId()) {
                if (next.bindings() != null) {
                    List<BrandedDecl> bound = new ArrayList<>();
                    for (Type binding : next.bindings()) {
                        if (binding == null) {
                            CompilerNode any = resolver.compiler.builtin(DeclKind.BUILTIN_ANY_POINTER);
                            bound.add(new BrandedDecl(any, new BrandScope(errors, any.id), null));
                        } else {
                            bound.add(decompileType(resolver, binding));
                        }
                    }
                    result.params = bound;
                } else {
                    List<BrandedDecl> p = getParams(decl.id);
                    if (p != null) {
                        result.params = p;
                    } else {
                        result.inherited = true;
                    }
                }
                ++index;
            }
        }
        if (decl.parent != null) {
            result.parent = evaluateBrand(resolver, decl.parent, brand, index);
        }
        return result;
    }

    private BrandedDecl decompileType(CompilerNode resolver, Type type) {
        switch (type.which) {
            case ENUM, STRUCT, INTERFACE: {
                CompilerNode n = resolver.compiler.findNode(type.typeId);
                List<Brand.Scope> scopes = type.brand == null ? List.of() : type.brand.scopes();
                return new BrandedDecl(n, evaluateBrand(resolver, n, scopes, 0), null);
            }
            case LIST: {
                BrandedDecl element = decompileType(resolver, type.elementType);
                CompilerNode list = resolver.compiler.builtin(DeclKind.BUILTIN_LIST);
                BrandScope scope = evaluateBrand(resolver, list, List.of(), 0).setParams(List.of(element),
                        DeclKind.BUILTIN_LIST, null);
                return new BrandedDecl(list, scope, null);
            }
            case ANY_POINTER: {
                if (type.anyKind == Type.AnyKind.PARAMETER) {
                    BrandedDecl bound = lookupParameter(resolver, type.parameterScopeId, type.parameterIndex);
                    return bound != null ? bound
                            : new BrandedDecl(new Resolved.Param(type.parameterScopeId, type.parameterIndex), null);
                }
                if (type.anyKind == Type.AnyKind.IMPLICIT_METHOD_PARAMETER) {
                    throw new IllegalStateException("Alias pointed to implicit method type parameter?");
                }
                return builtin(resolver, switch (type.anyKind) {
                    case STRUCT -> DeclKind.BUILTIN_ANY_STRUCT;
                    case LIST -> DeclKind.BUILTIN_ANY_LIST;
                    case CAPABILITY -> DeclKind.BUILTIN_CAPABILITY;
                    default -> DeclKind.BUILTIN_ANY_POINTER;
                });
            }
            default:
                return builtin(resolver, DeclKind.values()[DeclKind.BUILTIN_VOID.ordinal() + type.which.ordinal()]);
        }
    }

    private BrandedDecl builtin(CompilerNode resolver, DeclKind kind) {
        CompilerNode b = resolver.compiler.builtin(kind);
        return new BrandedDecl(b, evaluateBrand(resolver, b, List.of(), 0), null);
    }

    /** Resolves an expression to a declaration in this scope; reports and returns null on failure. */
    BrandedDecl compileDeclExpression(Expression source, CompilerNode resolver, ImplicitParams implicit) {
        if (source instanceof Expression.RelativeName r) {
            String name = r.name().text();
            for (int i = 0; i < implicit.names().size(); i++) {
                Located param = implicit.names().get(i);
                if (param != null && param.text().equals(name)) { // null: a parameter that failed to parse
                    return implicit.scopeId() == 0 ? BrandedDecl.implicitMethodParam(i)
                            : new BrandedDecl(new Resolved.Param(implicit.scopeId(), i), null);
                }
            }
            Resolved res = resolver.resolve(name);
            if (res == null) {
                errors.at(r.name().start(), "Not defined: " + name);
                return null;
            }
            return interpretResolve(resolver, res, source);
        } else if (source instanceof Expression.AbsoluteName a) {
            Resolved res = resolver.module.root.resolveMember(a.name().text());
            if (res == null) {
                errors.at(a.name().start(), "Not defined: " + a.name().text());
                return null;
            }
            return interpretResolve(resolver, res, source);
        } else if (source instanceof Expression.Import imp) {
            CompilerNode root = resolver.module.importRelative(imp.file().text());
            if (root == null) {
                errors.at(imp.file().start(), "Import failed: " + imp.file().text());
                return null;
            }
            return new BrandedDecl(root, new BrandScope(errors, root), source);
        } else if (source instanceof Expression.Application app) {
            BrandedDecl decl = compileDeclExpression(app.function(), resolver, implicit);
            if (decl == null) {
                return null;
            }
            List<BrandedDecl> compiled = new ArrayList<>();
            boolean failed = false;
            for (Expression.Param p : app.params()) {
                if (p == null) {
                    failed = true;
                    continue;
                }
                if (p.name() != null) {
                    errors.at(p.name().start(), "Named parameter not allowed here.");
                }
                BrandedDecl d = compileDeclExpression(p.value(), resolver, implicit);
                if (d == null) {
                    failed = true;
                } else {
                    compiled.add(d);
                }
            }
            if (failed || decl.node == null) {
                return decl;
            }
            BrandScope applied = decl.brand.setParams(compiled, decl.node.kind, source);
            return applied == null ? decl : decl.withBrand(applied, source);
        } else if (source instanceof Expression.Member m) {
            BrandedDecl decl = compileDeclExpression(m.parent(), resolver, implicit);
            if (decl == null) {
                return null;
            }
            BrandedDecl member = null;
            if (decl.node != null && !decl.node.kind.isBuiltin()) {
                Resolved r = decl.node.resolveMember(m.name().text());
                if (r != null) {
                    member = decl.brand.interpretResolve(decl.node, r, source);
                }
            }
            if (member == null) {
                errors.at(m.name().start(), "'" + Expression.toString(m.parent()) + "' has no member named '"
                        + m.name().text() + "'");
            }
            return member;
        }
        errors.at(source, "Expected name.");
        return null;
    }

    /** The Brand to record for a use of this scope, or null when nothing is generic. */
    Brand compile(Errors errs) {
        List<BrandScope> levels = new ArrayList<>();
        for (BrandScope p = this; p != null; p = p.parent) {
            if (!p.params.isEmpty() || (p.inherited && p.leafParamCount > 0)) {
                levels.add(p);
            }
        }
        if (levels.isEmpty()) {
            return null;
        }
        List<Brand.Scope> scopes = new ArrayList<>();
        for (BrandScope level : levels) {
            if (level.inherited) {
                scopes.add(new Brand.Scope(level.leafId, null));
            } else {
                List<Type> bindings = new ArrayList<>();
                for (BrandedDecl p : level.params) {
                    Type t = p.compileAsType(errs);
                    bindings.add(t == null ? new Type(Type.Which.VOID) : t);
                }
                scopes.add(new Brand.Scope(level.leafId, bindings));
            }
        }
        return new Brand(scopes);
    }

    /** Method implicit parameters visible while compiling a method's types. */
    record ImplicitParams(long scopeId, List<org.btcmp.mpgen.parse.Located> names) {
        static final ImplicitParams NONE = new ImplicitParams(0, List.of());
    }
}
