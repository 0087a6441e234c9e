/**
 * The one-read stock level behind `LedgerStore.level`: the PL/pgSQL function `qm_stock_level`, installed by
 * migration `9_stock_level`. PL/pgSQL prepares each statement once per session and keeps its plan, so on PGlite,
 * which has no prepared statements of its own, a level costs an execution instead of a parse and plan of every
 * subquery. One statement per scope shape (the item, the item in one lot, a location subtree with or without a
 * lot), so each keeps a plan fit for its shape. The rules are `StockQuery.level`'s: on hand at `internal`
 * locations; open reservations unexpired at `p_now`, within the subtree for a location, none for a lot.
 * `decimals` is null for an unknown item and `locations` (the subtree's size) is 0 for an unknown location.
 *
 * @since 0.1.0
 */

/**
 * The function's definition; a change to it is a new migration that replaces it.
 *
 * @since 0.1.0
 */
export const createFunction = `CREATE OR REPLACE FUNCTION qm_stock_level(p_tenant text, p_item text, p_location text, p_lot text, p_now timestamptz)
RETURNS TABLE (decimals int, locations int, on_hand text, reserved text, next_expiry timestamptz)
LANGUAGE plpgsql STABLE AS $body$
BEGIN
  IF p_location IS NULL AND p_lot IS NULL THEN
    RETURN QUERY WITH open_reservations AS (
      SELECT coalesce(sum((r.doc->>'quantity')::numeric - (r.doc->>'fulfilled')::numeric), 0)::text AS reserved,
             min((r.doc->>'expiresAt')::timestamptz) AS next_expiry
        FROM qm_reservations r
       WHERE r.tenant_id = p_tenant AND r.status = 'open' AND r.item_id = p_item
         AND (r.doc->>'expiresAt' IS NULL OR (r.doc->>'expiresAt')::timestamptz > p_now)
    )
    SELECT
      (SELECT (i.doc->'baseUnit'->>'decimals')::int FROM qm_items i WHERE i.tenant_id = p_tenant AND i.id = p_item),
      NULL::int,
      (SELECT coalesce(sum(b.quantity), 0)::text FROM qm_balances b
         JOIN qm_locations l ON l.tenant_id = b.tenant_id AND l.id = b.location_id
        WHERE b.tenant_id = p_tenant AND b.item_id = p_item AND l.doc->>'usage' = 'internal'),
      o.reserved, o.next_expiry
    FROM open_reservations o;
  ELSIF p_location IS NULL THEN
    RETURN QUERY SELECT
      (SELECT (i.doc->'baseUnit'->>'decimals')::int FROM qm_items i WHERE i.tenant_id = p_tenant AND i.id = p_item),
      NULL::int,
      (SELECT coalesce(sum(b.quantity), 0)::text FROM qm_balances b
         JOIN qm_locations l ON l.tenant_id = b.tenant_id AND l.id = b.location_id
        WHERE b.tenant_id = p_tenant AND b.item_id = p_item AND b.lot = p_lot AND l.doc->>'usage' = 'internal'),
      '0'::text, NULL::timestamptz;
  ELSE
    RETURN QUERY WITH subtree AS (
      SELECT s.id FROM qm_locations s WHERE s.tenant_id = p_tenant AND (s.id = p_location OR s.path @> ARRAY[p_location])
    ), open_reservations AS (
      SELECT coalesce(sum((r.doc->>'quantity')::numeric - (r.doc->>'fulfilled')::numeric), 0)::text AS reserved,
             min((r.doc->>'expiresAt')::timestamptz) AS next_expiry
        FROM qm_reservations r
       WHERE p_lot IS NULL AND r.tenant_id = p_tenant AND r.status = 'open' AND r.item_id = p_item
         AND r.doc->>'locationId' IN (SELECT id FROM subtree)
         AND (r.doc->>'expiresAt' IS NULL OR (r.doc->>'expiresAt')::timestamptz > p_now)
    )
    SELECT
      (SELECT (i.doc->'baseUnit'->>'decimals')::int FROM qm_items i WHERE i.tenant_id = p_tenant AND i.id = p_item),
      (SELECT count(*)::int FROM subtree),
      (SELECT coalesce(sum(b.quantity), 0)::text FROM qm_balances b
         JOIN qm_locations l ON l.tenant_id = b.tenant_id AND l.id = b.location_id
        WHERE b.tenant_id = p_tenant AND b.item_id = p_item AND b.location_id IN (SELECT id FROM subtree)
          AND (p_lot IS NULL OR b.lot = p_lot) AND l.doc->>'usage' = 'internal'),
      o.reserved, o.next_expiry
    FROM open_reservations o;
  END IF;
END
$body$`
