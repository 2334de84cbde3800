# mpgen's annotations for generated Java code. Import as "/mpgen/java.capnp"; mpgen finds it
# without an import path. The file id was made with `mpgen id`.
@0xad06a12ff0891d94;

annotation package(file) :Text;
# The Java package of the generated classes.

annotation outerClassname(file) :Text;
# The class that holds every type of the file as a nested class.

# The names below tie a schema to Java types for the IPC proxies and for `mpgen check`. They are
# annotations only: no wire type, id or ordinal changes, so a schema keeps Core's $Proxy.wrap (C++
# names) beside them and stays what a C++ libmultiprocess peer expects.

annotation wraps(interface, struct, enum) :Text;
# The fully qualified Java type a schema interface (a Java interface), struct (a record) or enum
# (a Java enum) stands for, by binary name (Outer$Inner for a nested type), e.g.
# $Java.wraps("org.btcmp.interfaces.Echo").

annotation name(method, field, enumerant) :Text;
# The Java name of a method, record component or enum constant where it differs from the schema
# name (Java's close() is always the schema's destroy).

annotation converter(field, param) :Text;
# A field or parameter with no automatic mapping: the fully qualified class of the explicit
# converter (e.g. a 32-byte block hash as Data for a Java String); its type is not checked.
