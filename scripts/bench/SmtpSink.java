import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP sink for the delivery benchmark (scripts/bench-delivery.sh): accepts every
 * message and throws it away, so the client side is what gets measured. Run with
 * {@code java scripts/bench/SmtpSink.java PORT}; prints how many messages it received
 * when it is stopped and every 5 seconds while messages arrive.
 */
public final class SmtpSink {

	private static final AtomicLong received = new AtomicLong();

	public static void main(String[] args) throws IOException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 2525;
		ServerSocket server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
		Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("received " + received.get())));
		Thread reporter = new Thread(() -> {
			long last = -1;
			while (true) {
				try {
					Thread.sleep(5000);
				}
				catch (InterruptedException ex) {
					return;
				}
				long now = received.get();
				if (now != last) {
					System.out.println("received " + now);
					last = now;
				}
			}
		});
		reporter.setDaemon(true);
		reporter.start();
		System.out.println("SMTP sink on port " + port);
		while (true) {
			Socket socket = server.accept();
			Thread worker = new Thread(() -> serve(socket));
			worker.setDaemon(true);
			worker.start();
		}
	}

	private static void serve(Socket socket) {
		try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
				OutputStream out = socket.getOutputStream()) {
			reply(out, "220 sink ESMTP");
			ByteArrayOutputStream line = new ByteArrayOutputStream(256);
			while (readLine(in, line)) {
				String command = line.toString(StandardCharsets.US_ASCII).toUpperCase();
				if (command.startsWith("EHLO")) {
					reply(out, "250-sink\r\n250-8BITMIME\r\n250 PIPELINING");
				}
				else if (command.startsWith("DATA")) {
					reply(out, "354 go ahead");
					while (readLine(in, line) && !(line.size() == 1 && line.toByteArray()[0] == '.')) {
						// discarded
					}
					received.incrementAndGet();
					reply(out, "250 OK");
				}
				else if (command.startsWith("QUIT")) {
					reply(out, "221 bye");
					return;
				}
				else {
					reply(out, "250 OK");
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	/** Reads one CRLF-terminated line into {@code line}; false at end of stream. */
	private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
		line.reset();
		int b;
		while ((b = in.read()) != -1) {
			if (b == '\n') {
				return true;
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.size() > 0;
	}

	private static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

}
