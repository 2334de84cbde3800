@0xe5f60718293a4b5c;
# Imported relatively: annotations and types for other files.

annotation fileTag(file) :Text;

struct Setting {
  name @0 :Text;
  level @1 :UInt32 = 1;
}
