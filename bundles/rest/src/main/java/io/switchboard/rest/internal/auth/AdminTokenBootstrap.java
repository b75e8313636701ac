package io.switchboard.rest.internal.auth;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a store without any admin token, creates one named {@code admin} and writes it to a file only
 * the owner can read, so that a fresh installation can be administered at all. The token itself is
 * never logged.
 */
public final class AdminTokenBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminTokenBootstrap.class);
    static final String ADMIN_TOKEN_NAME = "admin";

    private final ApiTokens tokens;
    private final Path tokenFile;

    public AdminTokenBootstrap(ApiTokens tokens, Path tokenFile) {
        this.tokens = tokens;
        this.tokenFile = tokenFile;
    }

    /**
     * Creates the first admin token if there is none.
     *
     * @return true when it created one
     */
    public synchronized boolean ensureAdminToken() throws IOException {
        if (tokens.adminExists()) {
            return false;
        }
        String token = tokens.newToken();
        // The file is written before the token is stored: a token stored but never written down would
        // leave an installation that nobody can administer and that never gets another first token.
        writeOwnerOnly(token);
        try {
            tokens.register(ADMIN_TOKEN_NAME, Role.ADMIN, token);
        } catch (RuntimeException e) {
            Files.deleteIfExists(tokenFile);
            throw e;
        }
        LOG.info("Created the first admin API token; it is in {}", tokenFile.toAbsolutePath());
        return true;
    }

    private void writeOwnerOnly(String token) throws IOException {
        Path directory = tokenFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary;
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            temporary = Files.createTempFile(directory, ".admin-token", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            temporary = Files.createTempFile(directory, ".admin-token", ".tmp");
        }
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                writer.write(token);
                writer.write(System.lineSeparator());
            }
            Files.move(temporary, tokenFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
