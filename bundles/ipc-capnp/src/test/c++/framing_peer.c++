// Test peer for the Java framing: reads and writes messages with the C++ Cap'n Proto library over a
// UNIX socket, so the Java tests can compare frames byte for byte and check the same limits.
//
//   framing_peer echo SOCKET       reply to every message with the same segments, until end of stream
//   framing_peer make SOCKET N     send one List(Data) of N pattern blobs spread over many segments
//   framing_peer check SOCKET N    read one message, check it is that List(Data), print "segments=S elements=N"
//   framing_peer segments SOCKET   read one message, print "segments=S"
//
// A message the library refuses prints "refused: <reason>" and exits 3. The pattern is the one in
// TestMessages.java: element i has 200 + (i * 37) % 300 bytes, byte j being (i * 7 + j * 13) mod 256.

#include <capnp/any.h>
#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/debug.h>
#include <kj/io.h>
#include <kj/vector.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

namespace {

unsigned lengthOf(unsigned element) { return 200 + (element * 37) % 300; }

capnp::byte patternByte(unsigned element, unsigned index) {
  return static_cast<capnp::byte>((element * 7 + index * 13) & 0xff);
}

int connectTo(const char* path) {
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  KJ_SYSCALL(fd);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  KJ_REQUIRE(strlen(path) < sizeof(address.sun_path), "socket path too long", path);
  strcpy(address.sun_path, path);
  KJ_SYSCALL(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), path);
  return fd;
}

kj::Vector<kj::ArrayPtr<const capnp::word>> segmentsOf(capnp::MessageReader& reader) {
  kj::Vector<kj::ArrayPtr<const capnp::word>> segments;
  for (unsigned i = 0;; i++) {
    auto segment = reader.getSegment(i);
    if (segment.begin() == nullptr) break;
    segments.add(segment);
  }
  return segments;
}

int echo(int fd) {
  kj::FdInputStream input(fd);
  kj::BufferedInputStreamWrapper buffered(input);
  kj::FdOutputStream output(fd);
  while (buffered.tryGetReadBuffer().size() > 0) {
    capnp::InputStreamMessageReader reader(buffered);
    auto segments = segmentsOf(reader);
    capnp::writeMessage(output, segments.asPtr());
  }
  return 0;
}

int make(int fd, unsigned elements) {
  // Fixed 16-word segments: every blob of 200 bytes or more lands in a segment of its own.
  capnp::MallocMessageBuilder builder(16, capnp::AllocationStrategy::FIXED_SIZE);
  auto list = builder.getRoot<capnp::AnyPointer>().initAs<capnp::List<capnp::Data>>(elements);
  for (unsigned i = 0; i < elements; i++) {
    auto blob = list.init(i, lengthOf(i));
    for (unsigned j = 0; j < blob.size(); j++) blob[j] = patternByte(i, j);
  }
  kj::FdOutputStream output(fd);
  capnp::writeMessage(output, builder);
  return 0;
}

int check(int fd, unsigned elements) {
  kj::FdInputStream input(fd);
  capnp::InputStreamMessageReader reader(input);
  auto segments = segmentsOf(reader);
  auto list = reader.getRoot<capnp::AnyPointer>().getAs<capnp::List<capnp::Data>>();
  if (list.size() != elements) {
    std::cerr << "expected " << elements << " elements, got " << list.size() << std::endl;
    return 2;
  }
  for (unsigned i = 0; i < elements; i++) {
    auto blob = list[i];
    if (blob.size() != lengthOf(i)) {
      std::cerr << "element " << i << " has " << blob.size() << " bytes, expected " << lengthOf(i) << std::endl;
      return 2;
    }
    for (unsigned j = 0; j < blob.size(); j++) {
      if (blob[j] != patternByte(i, j)) {
        std::cerr << "element " << i << " differs at byte " << j << std::endl;
        return 2;
      }
    }
  }
  std::cout << "segments=" << segments.size() << " elements=" << elements << std::endl;
  return 0;
}

int countSegments(int fd) {
  kj::FdInputStream input(fd);
  capnp::InputStreamMessageReader reader(input);
  std::cout << "segments=" << segmentsOf(reader).size() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: framing_peer echo|make|check|segments SOCKET [N]" << std::endl;
    return 64;
  }
  std::string mode = argv[1];
  unsigned count = argc > 3 ? static_cast<unsigned>(std::strtoul(argv[3], nullptr, 10)) : 0;
  try {
    int fd = connectTo(argv[2]);
    int status;
    if (mode == "echo") {
      status = echo(fd);
    } else if (mode == "make") {
      status = make(fd, count);
    } else if (mode == "check") {
      status = check(fd, count);
    } else if (mode == "segments") {
      status = countSegments(fd);
    } else {
      std::cerr << "unknown mode " << mode << std::endl;
      status = 64;
    }
    close(fd);
    return status;
  } catch (const kj::Exception& e) {
    std::cout << "refused: " << e.getDescription().cStr() << std::endl;
    return 3;
  }
}
