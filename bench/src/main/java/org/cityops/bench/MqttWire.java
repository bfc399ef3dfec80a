package org.cityops.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal MQTT 3.1.1 publisher over one blocking socket: CONNECT, QoS 1 PUBLISH and waiting for
 * its PUBACK. Much lighter than a full client library, so hundreds of publishers in one JVM
 * measure the broker rather than the clients.
 */
final class MqttWire implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private int nextId = 1;

    /** Connects and returns once the CONNACK accepted the connection. */
    MqttWire(String host, int port, String clientId, String username, String password) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out.write(connect(clientId, username, password));
        out.flush();
        int type = in.readUnsignedByte();
        int length = in.readUnsignedByte();
        byte[] body = in.readNBytes(length);
        if (type != 0x20 || length != 2 || body[1] != 0) {
            throw new IOException("CONNACK refused the connection: return code " + (body.length > 1 ? body[1] : -1));
        }
    }

    /** Publishes with QoS 1 and returns once its PUBACK arrived. */
    void publishAndWait(String topic, byte[] payload) throws IOException {
        int id = nextId;
        nextId = nextId == 65535 ? 1 : nextId + 1;
        out.write(publish(topic, payload, id));
        out.flush();
        while (true) {
            int type = in.readUnsignedByte();
            int length = remainingLength();
            byte[] body = in.readNBytes(length);
            if (type == 0x40 && length == 2 && (((body[0] & 0xff) << 8) | (body[1] & 0xff)) == id) {
                return;
            }
        }
    }

    private int remainingLength() throws IOException {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = in.readUnsignedByte();
            value |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    /** Returns the bytes of a CONNECT packet (clean session, keep-alive 600 s, optional login). */
    static byte[] connect(String clientId, String username, String password) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        string(v, "MQTT");
        v.write(4);
        int flags = 0x02 | (username != null ? 0x80 : 0) | (password != null ? 0x40 : 0);
        v.write(flags);
        v.write(0x02);
        v.write(0x58);
        string(v, clientId);
        if (username != null) {
            string(v, username);
        }
        if (password != null) {
            string(v, password);
        }
        return packet(0x10, v.toByteArray());
    }

    static byte[] publish(String topic, byte[] payload, int id) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        string(v, topic);
        v.write(id >> 8);
        v.write(id & 0xff);
        v.writeBytes(payload);
        return packet(0x32, v.toByteArray());
    }

    private static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(header);
        int length = body.length;
        do {
            int b = length % 128;
            length /= 128;
            p.write(length > 0 ? b | 0x80 : b);
        } while (length > 0);
        p.writeBytes(body);
        return p.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xff);
        out.writeBytes(bytes);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
