package dev.runbot.bot.github.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a GitHub App's RSA private key from {@code runbot.github.private-key}: PEM text or
 * {@code file:/path}, PKCS#8 ({@code BEGIN PRIVATE KEY}) or the PKCS#1 ({@code BEGIN RSA PRIVATE KEY})
 * GitHub hands out. Error messages never contain key material.
 */
final class PemKeys {

    static final String FILE_PREFIX = "file:";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ((?:RSA )?)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");

    /** AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, DER-encoded. */
    private static final byte[] RSA_ALGORITHM = {
            0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;

    private PemKeys() {
    }

    /** @throws IllegalArgumentException when the setting is no readable RSA private key */
    static PrivateKey read(String setting) {
        String pem = setting.strip().startsWith(FILE_PREFIX) ? readFile(setting.strip()) : setting;
        // Environment variables often carry the PEM's line breaks as the two characters \n.
        Matcher matcher = PEM.matcher(pem.replace("\\n", "\n"));
        if (!matcher.find()) {
            throw new IllegalArgumentException("runbot.github.private-key holds no PEM private key "
                    + "(expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
            byte[] pkcs8 = matcher.group(1).isEmpty() ? der : pkcs1ToPkcs8(der);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The cause's message may quote key bytes; keep only its type.
            throw new IllegalArgumentException("runbot.github.private-key is no valid RSA private key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String readFile(String setting) {
        Path path = Path.of(setting.substring(FILE_PREFIX.length()));
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read runbot.github.private-key file \"" + path + "\": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } } (RFC 5208). */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(VERSION_0);
        content.writeBytes(RSA_ALGORITHM);
        content.writeBytes(der(OCTET_STRING, pkcs1));
        return der(SEQUENCE, content.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
