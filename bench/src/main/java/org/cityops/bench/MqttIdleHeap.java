package org.cityops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.cityops.CityOpsApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Heap per idle MQTT connection of the embedded broker: starts the application (H2 in a temporary
 * folder, anonymous MQTT allowed), measures the used heap after GC, has a separate client
 * process open {@code n} MQTT connections (CONNECT, CONNACK, then idle), measures again and
 * divides the difference by {@code n}. The clients run in their own JVM so their sockets and
 * buffers are not counted. Raise the open-file limit first ({@code ulimit -n 65536}).
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.cityops.bench.MqttIdleHeap 10000
 * </pre>
 */
public final class MqttIdleHeap {

    private MqttIdleHeap() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("clients")) {
            clients(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dataDir = Files.createTempDirectory("cityops-bench-");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CityOpsApplication.class).run(
                "--server.port=0", "--cityops.data-dir=" + dataDir, "--logging.level.root=WARN",
                "--cityops.mqtt.port=0", "--cityops.mqtt.allow-anonymous=true",
                "--cityops.mqtt.max-connections=" + (n + 100));
        try {
            int port = context.getEnvironment().getRequiredProperty("local.mqtt.port", Integer.class);
            // one warm-up round, so classes loaded and pools grown by the first connections are not counted
            runClients(port, Math.min(200, n));
            long before = usedAfterGc();
            Process clients = startClients(port, n);
            long after = usedAfterGc();
            System.out.printf("%n[mqtt idle heap] %d idle connections: heap after GC %.1f MB before, %.1f MB with them "
                    + "→ %.1f KB per connection%n", n, before / 1e6, after / 1e6, (after - before) / 1024.0 / n);
            clients.getOutputStream().close();
            clients.waitFor();
        } finally {
            context.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void runClients(int port, int n) throws Exception {
        Process p = startClients(port, n);
        p.getOutputStream().close();
        p.waitFor();
        Thread.sleep(500);
    }

    /** Starts the client JVM and returns once it reports all connections accepted. */
    private static Process startClients(int port, int n) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                MqttIdleHeap.class.getName(), "clients", String.valueOf(port), String.valueOf(n))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        InputStream out = p.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = out.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        if (!line.toString().startsWith("connected")) {
            throw new IllegalStateException("the client process failed: " + line);
        }
        return p;
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(300);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The client process: opens the connections, prints "connected", and holds them until stdin closes. */
    private static void clients(int port, int n) throws IOException {
        List<SocketChannel> open = new ArrayList<>(n);
        ByteBuffer connack = ByteBuffer.allocate(4);
        for (int i = 0; i < n; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("localhost", port));
            ch.write(ByteBuffer.wrap(MqttWire.connect("idle-" + i, null, null)));
            connack.clear();
            while (connack.hasRemaining()) {
                if (ch.read(connack) < 0) {
                    throw new IOException("connection " + i + " closed before its CONNACK");
                }
            }
            if (connack.get(0) != 0x20 || connack.get(3) != 0) {
                throw new IOException("connection " + i + " refused: return code " + connack.get(3));
            }
            open.add(ch);
        }
        System.out.println("connected " + open.size());
        System.out.flush();
        while (System.in.read() != -1) {
            // hold the connections until the parent closes stdin
        }
        for (SocketChannel ch : open) {
            ch.close();
        }
    }
}
