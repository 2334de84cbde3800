# mpgen's annotations for generated Java code. Import as "/mpgen/java.capnp"; mpgen finds it
# without an import path. The file id was made with `mpgen id`.
@0xad06a12ff0891d94;

annotation package(file) :Text;
# The Java package of the generated classes.

annotation outerClassname(file) :Text;
# The class that holds every type of the file as a nested class.
