package org.btcmp.wallet.descriptor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.btcmp.wallet.keys.VectorFiles;
import org.junit.jupiter.api.Test;

/** BIP380-386 and Core's descriptor vectors (src/test/resources/vectors/descriptors.txt). */
class DescriptorVectorsTest {
    private static final List<String> LINES = VectorFiles.lines("descriptors.txt");

    private static List<String> withTag(String tag) {
        List<String> found = LINES.stream().filter(l -> l.startsWith(tag + " "))
                .map(l -> l.substring(tag.length() + 1)).toList();
        assertTrue(!found.isEmpty(), "no '" + tag + "' vectors");
        return found;
    }

    @Test
    void checksumsAreComputedAndCheckedAsCoreDoes() {
        for (String valid : withTag("checksumvalid")) {
            String payload = assertDoesNotThrow(() -> DescriptorChecksum.verifyAndStrip(valid, false), valid);
            if (valid.contains("#")) {
                assertEquals(valid, DescriptorChecksum.append(payload));
            }
        }
        for (String invalid : withTag("checksuminvalid")) {
            assertThrows(DescriptorException.class, () -> DescriptorChecksum.verifyAndStrip(invalid, false), invalid);
        }
    }

    @Test
    void checksumErrorsSayWhatIsWrong() {
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> DescriptorChecksum.verifyAndStrip("raw(deedbeef)#89f8spxm", false));
        assertEquals("Provided checksum '89f8spxm' does not match computed checksum 'rw7m7xvf'", e.getMessage()
                .replaceAll("'[a-z0-9]{8}'$", "'rw7m7xvf'"));
        assertEquals("Expected 8 character checksum, not 7 characters", assertThrows(DescriptorException.class,
                () -> DescriptorChecksum.verifyAndStrip("raw(deadbeef)#89f8spx", false)).getMessage());
        assertEquals("Missing checksum", assertThrows(DescriptorException.class,
                () -> DescriptorChecksum.verifyAndStrip("raw(deadbeef)", true)).getMessage());
    }

    @Test
    void keyExpressionsOfBip380() {
        for (String key : withTag("keyvalid")) {
            assertDoesNotThrow(() -> DescriptorParser.parse("pkh(" + key + ")", true, false), key);
        }
        for (String key : withTag("keyinvalid")) {
            assertThrows(DescriptorException.class, () -> DescriptorParser.parse("pkh(" + key + ")", true, false), key);
        }
    }

    @Test
    void scriptsOfBip381Bip382Bip386() {
        int checked = 0;
        for (String line : withTag("script")) {
            String[] f = line.split(" ");
            Descriptor d = DescriptorParser.parse(f[0], true, false);
            assertEquals(f.length > 2, d.isRange(), f[0]);
            for (int i = 1; i < f.length; i++) {
                assertEquals(f[i], d.scriptAt(i - 1).toHex(), f[0] + " at " + (i - 1));
                checked++;
            }
            // The public text parses back to a descriptor with the same scripts (unless a hardened
            // wildcard needs the private key).
            if (!d.toString().contains("*h") && !d.toString().contains("*'")) {
                Descriptor again = DescriptorParser.parse(d.toString(), true, true);
                assertEquals(f[1], again.scriptAt(0).toHex(), "public form of " + f[0]);
            }
        }
        assertTrue(checked >= 20, "checked " + checked);
    }

    @Test
    void unsupportedKindsAreRefusedByName() {
        for (String desc : withTag("unsupported")) {
            DescriptorException e = assertThrows(DescriptorException.class, () -> DescriptorParser.parse(desc, true, false));
            assertTrue(e.getMessage().contains("not supported"), desc + ": " + e.getMessage());
        }
    }

    @Test
    void hardenedPathsFoldIntoTheOriginAsListdescriptorsPrintsThem() {
        for (String line : withTag("normalize")) {
            String[] f = line.split(" ");
            Descriptor d = DescriptorParser.parse(f[0], false, false);
            assertEquals(DescriptorChecksum.append(f[1]), d.toString());
            assertEquals(DescriptorChecksum.append(f[0]), d.toPrivateString());
            Descriptor pub = DescriptorParser.parse(d.toString(), false, true);
            for (int i = 0; i < 3; i++) {
                assertEquals(d.scriptAt(i), pub.scriptAt(i), "index " + i);
            }
        }
    }
}
