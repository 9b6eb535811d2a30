import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The ceiling of the delivery benchmark (scripts/bench-delivery.sh): N messages, rendered
 * and built as MIME messages before the clock starts, sent straight through Spring's
 * JavaMailSender in batches (one connection per batch, one batch at a time — as the
 * outbox worker does) to the same SMTP sink, after an untimed warm-up of up to 5,000
 * messages. Prints messages per second. Run with the
 * app's libraries on the class path: {@code java -cp 'lib/*' SmtpCeiling.java HOST PORT N BATCH}.
 */
public final class SmtpCeiling {

	public static void main(String[] args) throws MessagingException {
		String host = args[0];
		int port = Integer.parseInt(args[1]);
		int count = Integer.parseInt(args[2]);
		int batch = Integer.parseInt(args[3]);
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(host);
		sender.setPort(port);
		sender.setDefaultEncoding("UTF-8");
		Properties properties = new Properties();
		properties.put("mail.smtp.connectiontimeout", "5000");
		sender.setJavaMailProperties(properties);
		// Warm-up, untimed: the app's JVM is warm when it sends, so the ceiling's must be too.
		int warmUp = Math.min(count, 5000);
		List<MimeMessage> messages = new ArrayList<>(count);
		for (int i = 1; i <= warmUp; i++) {
			messages.add(message(sender, -i));
		}
		for (int from = 0; from < warmUp; from += batch) {
			sender.send(messages.subList(from, Math.min(warmUp, from + batch)).toArray(new MimeMessage[0]));
		}
		messages.clear();
		for (int i = 1; i <= count; i++) {
			messages.add(message(sender, i));
		}
		long start = System.nanoTime();
		for (int from = 0; from < count; from += batch) {
			List<MimeMessage> slice = messages.subList(from, Math.min(count, from + batch));
			sender.send(slice.toArray(new MimeMessage[0]));
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("ceiling: %d messages in %.2f s = %.0f messages/s%n", count, seconds, count / seconds);
	}

	private static MimeMessage message(JavaMailSenderImpl sender, int i) throws MessagingException {
		String link = "http://localhost:8080/t/c/" + "x".repeat(60) + i;
		String html = "<html><body><p>顧客 " + i + " 様</p><p>秋の新作をご案内します。<a href=\"" + link
				+ "\">詳しく見る</a></p><img src=\"http://localhost:8080/t/o/" + "y".repeat(60) + i
				+ "\" width=\"1\" height=\"1\" alt=\"\"></body></html>";
		String text = "顧客 " + i + " 様\n秋の新作をご案内します。詳しく見る: " + link + "\n";
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom("CRM <noreply@localhost>");
		helper.setTo("c" + i + "@example.com");
		helper.setSubject("秋の新作のご案内");
		helper.setText(text, html);
		message.setHeader("List-Unsubscribe", "<http://localhost:8080/u/" + "z".repeat(60) + i + ">");
		message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		message.saveChanges();
		return message;
	}

}
