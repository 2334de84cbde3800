# libmultiprocess's support schema, written for btcmp from the wire facts a peer must agree on:
# the file id, the names and ordinals of ThreadMap, Thread and Context, and the annotations a
# schema may carry. Nested ids follow from the file id and the names, as Cap'n Proto derives them.

@0xcc316e3f71a040fb;

annotation include(file): Text;
# A header the C++ generator includes; ignored by btcmp.

annotation includeTypes(file): Text;
# A header of C++ type conversions; btcmp's counterparts are converter classes.

annotation wrap(interface, struct): Text;
# The C++ interface (or struct) a schema interface (or struct) stands for.

annotation count(param, struct, interface): Int32;
# How many C++ arguments one capnp parameter carries; 0 for an implicit one such as Context.

annotation exception(param): Text;
# A result field that carries an exception of the named C++ type.

annotation name(field, method): Text;
# The C++ name of a capnp field or method, where they differ.

annotation skip(field): Void;
# The same as count(0).

interface ThreadMap $count(0) {
    # Lets a client make server threads: each client thread gets its own, named by the client.
    makeThread @0 (name :Text) -> (result :Thread);
    makePool @1 (count :UInt32) -> ();
}

interface Thread {
    # A server thread made by makeThread.
    getName @0 () -> (result :Text);
}

struct Context $count(0) {
    # The first parameter of every method that runs on a mapped thread.
    thread @0 :Thread;
    # The server thread the call runs on.
    callbackThread @1 :Thread;
    # The caller's own thread, on which callbacks made while serving the call run.
}
