package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.store.StorageException.Reason;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Containers of an account: create, change metadata, delete when empty, list. */
@Service
public class ContainerService {

    private final AccountRepository accounts;
    private final ContainerRepository containers;
    private final TransactionTemplate transactions;

    ContainerService(AccountRepository accounts, ContainerRepository containers, TransactionTemplate transactions) {
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.containers = requireNonNull(containers, "containers is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    public Optional<Container> find(String account, String name) {
        return containers.find(account, name);
    }

    public Container require(String account, String name) {
        return find(account, name).orElseThrow(() -> noSuchContainer(name));
    }

    /**
     * Creates the container, or, when it exists, applies the metadata changes to it.
     *
     * @return true when the container was created
     */
    public boolean create(String account, String name, Map<String, String> set, Set<String> remove) {
        Names.requireContainerName(name);
        UserMetadata initial = UserMetadata.EMPTY.apply(set, remove);
        return Boolean.TRUE.equals(transactions.execute(status -> {
            accounts.ensure(account);
            if (containers.insert(account, name, initial)) {
                return true;
            }
            Container existing = containers.lockForChange(account, name).orElseThrow(() -> noSuchContainer(name));
            containers.updateMetadata(existing.id(), existing.metadata().apply(set, remove));
            return false;
        }));
    }

    public void updateMetadata(String account, String name, Map<String, String> set, Set<String> remove) {
        transactions.executeWithoutResult(status -> {
            Container existing = containers.lockForChange(account, name).orElseThrow(() -> noSuchContainer(name));
            containers.updateMetadata(existing.id(), existing.metadata().apply(set, remove));
        });
    }

    /**
     * Deletes an empty container. The lock orders this after every object write in flight, and the object writes
     * that come after it find no container (their foreign key fails), so no object outlives its container.
     */
    public void delete(String account, String name) {
        transactions.executeWithoutResult(status -> {
            Container existing = containers.lockForDelete(account, name).orElseThrow(() -> noSuchContainer(name));
            if (containers.holdsObjects(existing.id())) {
                throw new StorageException(Reason.CONTAINER_NOT_EMPTY,
                        "There was a conflict when trying to complete your request: the container is not empty.");
            }
            containers.delete(existing.id());
        });
    }

    public List<ListingEntry<Container>> list(String account, ListingQuery query) {
        return Listing.page((from, inclusive, to, limit) -> containers.read(account, from, inclusive, to, limit),
                Container::name, query);
    }

    static StorageException noSuchContainer(String name) {
        return new StorageException(Reason.NO_SUCH_CONTAINER, "The container " + name + " does not exist.");
    }
}
