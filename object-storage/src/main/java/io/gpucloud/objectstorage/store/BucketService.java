package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Containers seen as S3 buckets. A bucket is the container of the same name in the caller's account; since
 * S3 bucket names are global, a name that a container of any other account holds cannot be created through
 * S3 (Swift, whose container names are per account, does not check). Creations of one name are serialized
 * by a transaction-scoped advisory lock, so two projects racing for a name cannot both get it.
 */
@Service
public class BucketService {

    /** What a creation did. */
    public enum Creation {
        CREATED,
        /** The caller's account has it already. */
        ALREADY_OWNED,
        /** Another account has a container of that name. */
        TAKEN
    }

    private final AccountRepository accounts;
    private final ContainerRepository containers;
    private final BucketRepository buckets;
    private final TransactionTemplate transactions;

    BucketService(AccountRepository accounts, ContainerRepository containers, BucketRepository buckets,
            TransactionTemplate transactions) {
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.containers = requireNonNull(containers, "containers is null");
        this.buckets = requireNonNull(buckets, "buckets is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    public Creation create(String account, String name, String region) {
        Names.requireContainerName(name);
        return transactions.execute(status -> {
            buckets.lockName(name);
            if (containers.find(account, name).isPresent()) {
                return Creation.ALREADY_OWNED;
            }
            if (buckets.existsInOtherAccount(account, name)) {
                return Creation.TAKEN;
            }
            accounts.ensure(account);
            containers.insert(account, name, UserMetadata.EMPTY);
            Container created = containers.find(account, name).orElseThrow();
            buckets.setRegion(created.id(), region);
            return Creation.CREATED;
        });
    }

    /** Whether a container of this name exists in an account other than {@code account}. */
    public boolean ownedByAnotherAccount(String account, String name) {
        return buckets.existsInOtherAccount(account, name);
    }

    /** The region a bucket was created in through S3; empty for a container made through Swift. */
    public Optional<String> region(Container container) {
        return buckets.region(container.id());
    }
}
