package org.btcmp.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subnets as setban takes them, the ban file, and the address file's damage check. */
class BanListTest {
    @TempDir
    Path dir;

    @Test
    void subnetsParseInEveryFormSetbanTakesAndNeverLookNamesUp() throws Exception {
        assertEquals("1.2.3.4/32", Subnet.parse("1.2.3.4").toString());
        assertEquals("1.2.3.0/24", Subnet.parse("1.2.3.77/24").toString());
        assertEquals("10.0.0.0/8", Subnet.parse("10.9.9.9/255.0.0.0").toString());
        assertTrue(Subnet.parse("10.0.0.0/8").contains(InetAddress.getByName("10.200.1.1")));
        assertFalse(Subnet.parse("10.0.0.0/8").contains(InetAddress.getByName("11.0.0.1")));
        assertFalse(Subnet.parse("10.0.0.0/8").contains(InetAddress.getByName("::1")));
        assertTrue(Subnet.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::5")));
        for (String bad : List.of("localhost", "1.2.3.4/33", "1.2.3.4/255.0.255.0", "1.2.3", "", "1.2.3.4/::")) {
            assertThrows(IllegalArgumentException.class, () -> Subnet.parse(bad), bad);
        }
    }

    @Test
    void bansExpireAndPersist() throws Exception {
        AtomicLong now = new AtomicLong(1_000);
        Path file = dir.resolve(BanList.FILE_NAME);
        BanList bans = new BanList(file, now::get);
        assertTrue(bans.add(Subnet.parse("1.2.3.0/24"), 2_000));
        assertFalse(bans.add(Subnet.parse("1.2.3.9/24"), 5_000), "the same subnet");
        assertTrue(bans.add(Subnet.parse("5.5.5.5"), 1_500));
        assertTrue(bans.isBanned(InetAddress.getByName("1.2.3.200")));
        now.set(1_600);
        assertFalse(bans.isBanned(InetAddress.getByName("5.5.5.5")), "expired");
        BanList reloaded = new BanList(file, now::get);
        assertEquals(List.of(new BanList.Ban(Subnet.parse("1.2.3.0/24"), 1_000, 2_000)), reloaded.list());
        assertTrue(reloaded.remove(Subnet.parse("1.2.3.0/24")));
        assertFalse(reloaded.remove(Subnet.parse("1.2.3.0/24")));
        assertEquals(List.of(), new BanList(file, now::get).list());
    }

    @Test
    void aDamagedFileIsAnErrorNamingTheLineNotAnEmptyList() throws Exception {
        Path bans = dir.resolve(BanList.FILE_NAME);
        Files.writeString(bans, "1.2.3.0/24 1 2\nnonsense\n");
        IOException e = assertThrows(IOException.class, () -> new BanList(bans, () -> 0));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Path peers = dir.resolve(AddrMan.FILE_NAME);
        Files.writeString(peers, "127.0.0.1 70000 409 1 1 1 0\n");
        e = assertThrows(IOException.class, () -> new AddrMan(peers, () -> 0, false));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("port"), e.getMessage());
    }
}
