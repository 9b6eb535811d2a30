package io.mawasu.crm.delivery.send;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP peer on a local socket that answers RCPT TO by the recipient's local part:
 * {@code temp…} gets 451 (try later), {@code bad…} gets 550 (no such user), others 250.
 * Counts connections and keeps the recipients of accepted messages.
 */
class TinySmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	final AtomicInteger connections = new AtomicInteger();

	final List<String> delivered = new CopyOnWriteArrayList<>();

	TinySmtpServer() throws IOException {
		this.socket = new ServerSocket(0);
		Thread acceptor = new Thread(this::accept, "tiny-smtp");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.socket.getLocalPort();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept()) {
				this.connections.incrementAndGet();
				converse(client);
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void converse(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
		OutputStream out = client.getOutputStream();
		reply(out, "220 tiny ESMTP");
		String recipient = null;
		String line;
		while ((line = in.readLine()) != null) {
			String command = line.toUpperCase();
			if (command.startsWith("EHLO")) {
				reply(out, "250-tiny\r\n250 8BITMIME");
			}
			else if (command.startsWith("HELO") || command.startsWith("MAIL FROM") || command.startsWith("NOOP")) {
				reply(out, "250 OK");
			}
			else if (command.startsWith("RSET")) {
				recipient = null;
				reply(out, "250 OK");
			}
			else if (command.startsWith("RCPT TO")) {
				String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
				if (address.startsWith("temp")) {
					reply(out, "451 4.3.0 Mailbox busy, try again later");
				}
				else if (address.startsWith("bad")) {
					reply(out, "550 5.1.1 No such user here");
				}
				else {
					recipient = address;
					reply(out, "250 OK");
				}
			}
			else if (command.startsWith("DATA")) {
				reply(out, "354 End data with <CR><LF>.<CR><LF>");
				while ((line = in.readLine()) != null && !line.equals(".")) {
					// the message itself is not needed
				}
				this.delivered.add(recipient);
				reply(out, "250 OK queued");
			}
			else if (command.startsWith("QUIT")) {
				reply(out, "221 Bye");
				return;
			}
			else {
				reply(out, "502 Command not implemented");
			}
		}
	}

	private static void reply(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
