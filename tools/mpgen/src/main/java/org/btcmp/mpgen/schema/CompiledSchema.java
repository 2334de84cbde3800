package org.btcmp.mpgen.schema;

import java.util.List;

/** What a compile produces: every node of every loaded file, and the requested files. */
public record CompiledSchema(List<Node> nodes, List<RequestedFile> requestedFiles) {
}
