package dev.paperdigest.digests;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What one delivery's digest shows ({@link Selection#encode()}), written once when it is queued. */
@Entity
public class DeliverySelection extends PanacheEntityBase {

    @Id
    public Long deliveryId;

    public String selection;

    static DeliverySelection of(long deliveryId, Selection selection) {
        DeliverySelection row = new DeliverySelection();
        row.deliveryId = deliveryId;
        row.selection = selection.encode();
        return row;
    }

    /** The selections of the given deliveries, by delivery id. */
    static Map<Long, String> byDelivery(Collection<Long> deliveryIds) {
        return DeliverySelection.<DeliverySelection>list("deliveryId in ?1", deliveryIds).stream()
                .collect(Collectors.toMap(row -> row.deliveryId, row -> row.selection));
    }

    public static Selection of(long deliveryId) {
        Map<Long, String> found = byDelivery(List.of(deliveryId));
        return found.containsKey(deliveryId) ? Selection.decode(found.get(deliveryId)) : new Selection(List.of(), 0);
    }
}
