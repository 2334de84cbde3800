/**
 * capnproto-java's runtime as a named module: the upstream jar is neither a bundle nor a named
 * module, so its classes are unpacked here and described by this descriptor.
 */
module org.capnproto {
    exports org.capnproto;
}
