package dev.runbot.bot.github.client;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** One RSA key pair for the App tests, and its PEM forms as GitHub and openssl write them. */
final class TestKeys {

    static final KeyPair APP_KEY = generate();

    /** PrivateKeyInfo header of a 2048-bit RSA key before the PKCS#1 RSAPrivateKey: SEQUENCE, version, algorithm, OCTET STRING. */
    private static final int PKCS8_HEADER = 26;

    private TestKeys() {
    }

    static String pkcs8Pem() {
        return pem("PRIVATE KEY", APP_KEY.getPrivate().getEncoded());
    }

    /** What GitHub's "Generate a private key" downloads: {@code BEGIN RSA PRIVATE KEY}. */
    static String pkcs1Pem() {
        byte[] pkcs8 = APP_KEY.getPrivate().getEncoded();
        // 30 82 xx xx | 02 01 00 | 30 0d <rsaEncryption> 05 00 | 04 82 yy yy | RSAPrivateKey
        if (pkcs8[0] != 0x30 || pkcs8[4] != 0x02 || pkcs8[22] != 0x04 || pkcs8[23] != (byte) 0x82) {
            throw new IllegalStateException("unexpected PKCS#8 layout");
        }
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, PKCS8_HEADER, pkcs8.length));
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
