package io.territoryscorecard.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Personal API tokens: 32 random bytes shown once at creation; only their SHA-256 is stored (a token is random, so
 * a fast hash is safe and lets every request be checked cheaply).
 */
@Repository
class ApiTokens {

    static final String PREFIX = "tsc_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates a token and returns it in clear text, the only time it is available. */
    CreatedToken create(long accountId, String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO api_token (account_id, name, token_hash, created_at)
                VALUES (:account, :name, :hash, :now)
                """)
                .param("account", accountId).param("name", name).param("hash", sha256(token)).param("now", now())
                .update(keys, "id");
        return new CreatedToken(keys.getKey().longValue(), name, token);
    }

    /** The account of a valid (known, not revoked) token, marking it used. */
    Optional<Long> accountOf(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = sha256(token);
        Optional<Long> account = jdbc.sql("SELECT account_id FROM api_token WHERE token_hash = :hash AND revoked_at IS NULL")
                .param("hash", hash).query(Long.class).optional();
        account.ifPresent(id -> jdbc.sql("UPDATE api_token SET last_used_at = :now WHERE token_hash = :hash")
                .param("now", now()).param("hash", hash).update());
        return account;
    }

    List<TokenInfo> of(long accountId) {
        return jdbc.sql("""
                SELECT id, name, created_at, last_used_at, revoked_at FROM api_token
                 WHERE account_id = :account ORDER BY id DESC
                """).param("account", accountId).query(TokenInfo.class).list();
    }

    /** Revokes one of the account's tokens; false when it has no such token or it was already revoked. */
    boolean revoke(long accountId, long tokenId) {
        return jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE id = :id AND account_id = :account AND revoked_at IS NULL")
                .param("now", now()).param("id", tokenId).param("account", accountId).update() == 1;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalDateTime now() {
        return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    }

    record CreatedToken(long id, String name, String token) {
    }

    record TokenInfo(long id, String name, LocalDateTime createdAt, LocalDateTime lastUsedAt, LocalDateTime revokedAt) {
    }
}
