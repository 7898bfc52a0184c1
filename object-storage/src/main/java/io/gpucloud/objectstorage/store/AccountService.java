package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** An account's usage and metadata. Accounts are keyed by project id and exist implicitly. */
@Service
public class AccountService {

    private final AccountRepository accounts;
    private final TransactionTemplate transactions;

    AccountService(AccountRepository accounts, TransactionTemplate transactions) {
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    public AccountStats stats(String projectId) {
        AccountRepository.Usage usage = accounts.usage(projectId);
        return accounts.find(projectId, false)
                .map(row -> new AccountStats(projectId, row.metadata(), row.createdAt(), usage.containers(),
                        usage.objects(), usage.bytes()))
                .orElseGet(() -> new AccountStats(projectId, UserMetadata.EMPTY, Instant.EPOCH, usage.containers(),
                        usage.objects(), usage.bytes()));
    }

    /** Sets {@code set} and removes {@code remove} in the account's metadata, creating the account if needed. */
    public void updateMetadata(String projectId, Map<String, String> set, Set<String> remove) {
        transactions.executeWithoutResult(status -> {
            accounts.ensure(projectId);
            UserMetadata current = accounts.find(projectId, true).orElseThrow().metadata();
            accounts.updateMetadata(projectId, current.apply(set, remove));
        });
    }
}
