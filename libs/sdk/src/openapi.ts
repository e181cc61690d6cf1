// Generated from docs/openapi.json by `npm run openapi`: do not edit.

export interface paths {
    readonly "/health/live": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The process is up
         * @description Liveness: answers 200 while the process runs, whatever the services behind it.
         */
        readonly get: operations["OperationsController_live"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/health/ready": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Every service answers; 503 when one does not
         * @description Readiness: 200 when every service behind the gateway answers, 503 with the ones that do not.
         */
        readonly get: operations["OperationsController_ready"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/metrics": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Prometheus metrics (requests and durations by route and status)
         * @description Prometheus text format: request counts and durations by route and status, and the process’s own metrics.
         */
        readonly get: operations["OperationsController_prometheus"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/account": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The caller’s plan (entitlements, concurrency limit) and its running and queued tasks
         * @description The account’s plan with its entitlements and concurrency limit, how this request was authenticated, and the tasks running and queued now.
         */
        readonly get: operations["AccountController_account"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/api-keys": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The caller’s keys (never their secrets)
         * @description The account’s API keys, revoked ones included (with why), with their makers and prefixes but never their secrets, their scopes, and each budget with what it has spent and has left.
         */
        readonly get: operations["ApiKeysController_list"];
        readonly put?: never;
        /**
         * Create a key; its secret is in this answer only
         * @description Issues an API key for the account. The secret is shown in this answer only and stored as a hash. Only a signed-in app user manages keys, and the plan must include `api_access`. The key acts for the member who makes it: each scope must open something their role may do (else 403), each use is held to their role at the time, and the key stops (401, revoked) when they leave, are removed or get a role that may not hold keys. Scopes limit what the key may do (absent: everything); a budget limits the credits of the API pool it may hold or charge per UTC month or over its life, enforced by the wallet with each reservation; `expires_at` ends it.
         */
        readonly post: operations["ApiKeysController_create"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/api-keys/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        readonly post?: never;
        /**
         * Revoke a key: it stops working at once
         * @description Revokes one of the account’s API keys; requests with it are refused from now on. Another account’s key is not found.
         */
        readonly delete: operations["ApiKeysController_revoke"];
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/api-keys/{id}/rotate": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Rotate a key: a new secret, the old one works for an overlap
         * @description Gives one of the account’s live keys a new secret, shown in this answer only. The secret it replaces keeps working for `overlap_seconds` (default a day), so clients can move without a gap; scopes and budget stay. Another account’s key is not found.
         */
        readonly post: operations["ApiKeysController_rotate"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/auto-top-up/{pool}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * A pool’s auto top-up: its setting, the month’s spend, the top-up in flight
         * @description A pool without auto top-up is not found (404).
         */
        readonly get: operations["AutoTopUpController_get"];
        /**
         * Set a pool’s auto top-up (saving it again enables one that was disabled)
         * @description When the pool’s available credits fall below `threshold`, the pack is bought with the saved payment method (Stripe: an off-session charge of the customer’s default method). A top-up is an order like any other: the same receipt and `credits.purchased`, then `auto_top_up.succeeded`; a declined charge sends `auto_top_up.failed`, and after `max_failures` in a row auto top-up is disabled. At most one top-up is in flight per pool, and top-ups never take a calendar month past `monthly_cap_cents`. While one is in flight, a task that does not fit the credits available now is refused (402).
         */
        readonly put: operations["AutoTopUpController_set"];
        readonly post?: never;
        /**
         * Turn a pool’s auto top-up off
         * @description Idempotent for a known pool, set or not (an unknown pool is not found: 404). A top-up already in flight still ends as its charge does.
         */
        readonly delete: operations["AutoTopUpController_remove"];
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/balance-alerts": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The caller’s low-balance alerts, per pool, and whether each is armed
         * @description Each pool with thresholds: the thresholds in credits, and for each alert (depleted included) whether it is armed and how often it fired.
         */
        readonly get: operations["BalanceAlertsController_list"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/balance-alerts/{pool}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        /**
         * Set a pool’s low-balance thresholds (an empty list turns its alerts off)
         * @description Replaces the pool’s thresholds. With any threshold, `balance.depleted` is watched too. A threshold kept keeps its state; a new one is armed only while the pool is at or above it, so one set below the balance now waits for a rise first. Alerts reach the account’s webhook endpoints that ask for `balance.low` or `balance.depleted`, once per crossing (the same `webhook-id` on every retry).
         */
        readonly put: operations["BalanceAlertsController_set"];
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/balances": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Per pool: balance, held, available
         * @description For each of the account’s pools: the balance, the credits held by running tasks, and what is available (balance minus holds).
         */
        readonly get: operations["AccountController_balances"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/batches": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Variations of one prompt, priced together (needs batch_generation)
         * @description Runs several variations of one prompt as tasks priced together, with the batch discount on each task past the first when the batch is large enough. Needs the plan’s `batch_generation` entitlement (403 otherwise).
         */
        readonly post: operations["TasksController_createBatch"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/catalog": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Plans and packs of the price book in force
         * @description The plans and credit packs of the active price book, with prices in cents and the pool each pack fills.
         */
        readonly get: operations["AccountController_catalog"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/finance/balances": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Every wallet’s balance, held and available as of an instant (optionally one account, one pool)
         * @description For a signed-in user with role `finance` (others: 403). Replayed from the wallet’s events, hash chains verified on the way.
         */
        readonly get: operations["FinanceController_balances"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/finance/checkpoints": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The signed checkpoints kept, oldest first, and whether each signature holds under the configured key
         * @description For a signed-in user with role `finance` (others: 403). Replayed from the wallet’s events, hash chains verified on the way.
         */
        readonly get: operations["FinanceController_checkpoints"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/finance/liability": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Outstanding credits per pool and their value, breakage and revenue recognised in the period, and whether it reconciles
         * @description For a signed-in user with role `finance` (others: 403). Replayed from the wallet’s events, hash chains verified on the way. The period runs from `from` (default: the start of the as_of month, UTC) to `as_of`; `to` names the same end and may be given instead of, or equal to, `as_of`.
         */
        readonly get: operations["FinanceController_liability"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/finance/statement": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * One account’s wallet movements in [from, to] with its opening and closing balances
         * @description For a signed-in user with role `finance` (others: 403). Replayed from the wallet’s events, hash chains verified on the way.
         */
        readonly get: operations["FinanceController_statement"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/finance/verify": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Hash chains, wallet invariants and every stored signed checkpoint, over the whole history
         * @description For a signed-in user with role `finance` (others: 403). Replayed from the wallet’s events, hash chains verified on the way.
         */
        readonly get: operations["FinanceController_verify"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/invitations/accept": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Accept an invitation: join its organisation with its role
         * @description Makes the signed-in user a member of the organisation the code invites to; act there with `X-Organisation-Id: <id>` (or a token whose `org` claim names it: `billing token --organisation <id>`). A code works once: unknown, used, revoked and expired codes are all 404.
         */
        readonly post: operations["InvitationsController_accept"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/ledger": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The caller’s wallet entries, oldest first, a page at a time
         * @description The account’s wallet entries (purchases, grants, holds, charges, releases, refunds, expiries) in order. Pass the last position of a page as `after` to read the next.
         */
        readonly get: operations["AccountController_ledger"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/orders": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Order a credit pack or a plan; the answer carries the checkout URL
         * @description Creates an order for a credit pack or a plan. Pay at `checkout_url`; the credits arrive once the payment provider confirms the payment.
         */
        readonly post: operations["OrdersController_place"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/orders/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * One of the caller’s orders
         * @description One of the account’s orders and its status (pending, paid, failed). Another account’s order is not found.
         */
        readonly get: operations["OrdersController_get"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/orders/{id}/confirm-sandbox-payment": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Sandbox only: the buyer paid (the sandbox checkout leads here); the credits arrive
         * @description With the sandbox payment provider only: confirms the order as paid, as the sandbox checkout page does, and answers once its credits are in the wallet. Refused with another provider.
         */
        readonly post: operations["OrdersController_confirm"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/orders/{id}/receipt": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The receipt of one of the caller’s paid orders
         * @description What the order’s payment bought: amount, tax when the payment provider computed it, credits granted, the plan period paid for, and the provider’s hosted receipt or invoice where it has one. An unpaid order, or another account’s, has none (404).
         */
        readonly get: operations["OrdersController_receipt"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/orders/{id}/refund": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Refund an order: its unspent credits taken back, their share of the price returned
         * @description Role finance may refund any paid order; the owner an unused pack within the refund window. The pack’s unspent credits are taken back and their share of the price returned through the payment provider, asynchronously: the order shows `refund_requested`, then `refunded`.
         */
        readonly post: operations["OrdersController_refund"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/organisation": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The caller’s organisation: its members and their roles
         * @description Every member with their role, and the caller’s own role. Which role may call it is the README’s role table.
         */
        readonly get: operations["OrganisationController_get"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/organisation/invitations": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Invitations not yet used, revoked or expired (never their codes)
         * @description Which role may call it is the README’s role table.
         */
        readonly get: operations["OrganisationController_invitations"];
        readonly put?: never;
        /**
         * Invite someone by email: a single-use code, answered once
         * @description An invitation to join with a role, valid for 7 days. Its code is in this answer only (and in the embedded platform’s log; no mail is sent) and works once. Only an owner invites an owner. Which role may call it is the README’s role table.
         */
        readonly post: operations["OrganisationController_invite"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/organisation/invitations/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        readonly post?: never;
        /**
         * Revoke an invitation: its code stops working
         * @description Answers the invitations still pending. An invitation of another organisation is not found. Which role may call it is the README’s role table.
         */
        readonly delete: operations["OrganisationController_revokeInvitation"];
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/organisation/leave": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Leave the organisation
         * @description Any member may leave, except the last owner (409 last-owner): make another member owner first.
         */
        readonly post: operations["OrganisationController_leave"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/organisation/members/{userId}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        readonly post?: never;
        /**
         * Remove a member
         * @description The member’s tokens stop working here at once (their API keys belong to the organisation and stay). Only an owner removes an owner; the last owner stays (409 last-owner). Which role may call it is the README’s role table.
         */
        readonly delete: operations["OrganisationController_removeMember"];
        readonly options?: never;
        readonly head?: never;
        /**
         * Change a member’s role
         * @description Only an owner makes or unmakes an owner; the last owner cannot be demoted (409 last-owner). A user who is not a member here is not found. Which role may call it is the README’s role table.
         */
        readonly patch: operations["OrganisationController_changeRole"];
        readonly trace?: never;
    };
    readonly "/v1/organisations": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The organisations the signed-in user belongs to, with their role in each
         * @description `current` marks the one this request acted in. Which role may call it is the README’s role table.
         */
        readonly get: operations["OrganisationsController_list"];
        readonly put?: never;
        /**
         * Create an organisation: the caller its owner, with pools of its own
         * @description A new organisation (a new account: its App and API pools, orders, plans, keys and tasks are its own and never mix with another’s), with the signed-in user as its owner. Act in it with `X-Organisation-Id: <id>` (or a token whose `org` claim names it). Any signed-in user may; an API key may not. Which role may call it is the README’s role table.
         */
        readonly post: operations["OrganisationsController_create"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/quotes": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Price a task (or a batch) without running it
         * @description Prices a render (or `batch_size` variations of one prompt) with the active price book: credits, every factor of the breakdown, the price book version, a `quote_id` and its expiry. Nothing is held or charged.
         */
        readonly post: operations["TasksController_quote"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/receipts": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The caller’s receipts, newest first
         * @description A receipt per paid order (a pack, or a plan’s first month), per paid plan renewal and per upgrade: amount, tax when the payment provider computed it, credits granted, the period paid for, and the provider’s hosted receipt or invoice where it has one.
         */
        readonly get: operations["ReceiptsController_list"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/renewals/{id}/refund": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Refund a plan’s paid renewal: its period’s unspent credits taken back, their share of the price returned
         * @description Role finance only (anyone else is refused with 403; another account’s renewal is not found). The credits the renewal paid for (its period’s grant; an upgrade’s invoice: the upgrade’s pro rata grant) that are still unspent are taken back and their share of its price (pro rata, rounded down to the cent) returned through the payment provider, asynchronously: the renewal shows `refund_requested`, then `refunded`. Asked again, it changes nothing. The plan goes on. 502 when the provider has not yet reported the payment to refund (try again).
         */
        readonly post: operations["RenewalsController_refund"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/sandbox/checkout/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Sandbox only: the checkout page of an order; redirects to the dashboard’s checkout view
         * @description With the sandbox payment provider only: the page an order’s `checkout_url` leads to. It redirects (303) to the dashboard’s checkout view of the order.
         */
        readonly get: operations["SandboxCheckoutController_checkout"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/subscription": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The caller’s plan subscription: status, paid period, scheduled end
         * @description The account’s subscription to its paid plan: its status, the period paid for, and whether it ends at the period’s end. An account without a paid plan has none (404).
         */
        readonly get: operations["SubscriptionController_get"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/subscription/cancel": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Cancel at period end: the paid period runs out, nothing renews after it
         * @description Schedules the end of the subscription: the plan stays until the paid period runs out, and nothing renews after it. The payment provider is told; when it refuses, the answer is 502.
         */
        readonly post: operations["SubscriptionController_cancel"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/subscription/change": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Change plan: an upgrade now, pro rata; a downgrade at the period’s end
         * @description Moves the subscription to another plan of the price book in force. A plan with a larger monthly grant takes effect now: the difference in credits for the rest of the paid period is granted (rounded down to the millicredit) and the difference in price charged pro rata by the payment provider. A plan with a smaller grant takes effect at the next renewal (`pending_change`). Asking again for the plan in force, or the one scheduled, changes nothing.
         */
        readonly post: operations["SubscriptionController_change"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/subscription/resume": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Undo a cancellation before the period ends: the plan renews as before
         * @description Withdraws a scheduled cancellation while the paid period lasts: the plan renews at the period’s end as before. The payment provider is told; when it refuses, the answer is 502.
         */
        readonly post: operations["SubscriptionController_resume"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/subscription/sandbox-decline-next-renewal": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Sandbox only: the next renewal of the caller’s plan is declined (403 with a real provider)
         * @description With the sandbox payment provider only: the next renewal of the account’s plan will be declined, to try what a failed renewal does. Refused (403) with a real provider.
         */
        readonly post: operations["SubscriptionController_declineNextRenewal"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/tasks": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The caller’s tasks, oldest first, a page at a time
         * @description The account’s tasks in creation order. Pass the last id of a page as `after` to read the next; `next_after` is null on the last page.
         */
        readonly get: operations["TasksController_listTasks"];
        readonly put?: never;
        /**
         * Run a task: quoted, credits held in the caller’s pool, charged on success
         * @description Quotes the render, holds its credits in the pool of the caller’s channel (App for an app user, API for an API key; never the other), and dispatches it. On success the task is charged (never more than held); on failure, cancellation or timeout the hold is released. Past the concurrency limit the answer is 429, unless `queue` asks to wait for a slot.
         */
        readonly post: operations["TasksController_createTask"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/tasks/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * A task: status, pool, credits reserved, credits_cost, quote, why it ended
         * @description One of the account’s tasks as it is now. `credits_cost` is null until the task is charged; an ended task says why. Another account’s task is not found.
         */
        readonly get: operations["TasksController_getTask"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/tasks/{id}/adopt": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Mark a charged task’s output as adopted (points utilisation)
         * @description Records that a charged task’s output was adopted, which counts towards points utilisation. Only a charged task can be adopted (409 otherwise); adopting twice changes nothing.
         */
        readonly post: operations["TasksController_adoptTask"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/tasks/{id}/cancel": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Cancel a task; its hold is released
         * @description Cancels a queued or running task; the credits held for it are released to the pool. A task that already ended is a 409.
         */
        readonly post: operations["TasksController_cancelTask"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/usage": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Credits charged per UTC day, by pool, model and mode (default: the last 30 days)
         * @description Credits charged per UTC day in [from, to], broken down by pool, model and mode, for the dashboard’s usage charts; with `group_by`, also by API key or by member.
         */
        readonly get: operations["AccountController_usage"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/utilisation": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Points utilisation: the share of charged credits spent on adopted output
         * @description Of the credits charged to the account, the share spent on tasks whose output was adopted.
         */
        readonly get: operations["TasksController_utilisation"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/webhook-endpoints": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The caller’s endpoints (never their secrets)
         * @description The account’s webhook endpoints, enabled or not, oldest first.
         */
        readonly get: operations["WebhookEndpointsController_list"];
        readonly put?: never;
        /**
         * Register an endpoint; its signing secret is in this answer
         * @description Registers a URL that receives the chosen billing events, each POSTed signed with the endpoint’s secret as the Standard Webhooks specification says, and retried with backoff for about a day. The secret (`whsec_...`) is shown here and when rotated.
         */
        readonly post: operations["WebhookEndpointsController_create"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/webhook-endpoints/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * One of the caller’s endpoints
         * @description One webhook endpoint of the account, without its secret.
         */
        readonly get: operations["WebhookEndpointsController_get"];
        readonly put?: never;
        readonly post?: never;
        /**
         * Delete an endpoint: nothing more is delivered to it
         * @description Deletes the endpoint; its pending deliveries are not attempted again.
         */
        readonly delete: operations["WebhookEndpointsController_remove"];
        readonly options?: never;
        readonly head?: never;
        /**
         * Change an endpoint’s URL, event types, description, or enable or disable it
         * @description Each field sent replaces the endpoint’s; the others stay. Enabling an endpoint the platform disabled clears its reason.
         */
        readonly patch: operations["WebhookEndpointsController_update"];
        readonly trace?: never;
    };
    readonly "/v1/webhook-endpoints/{id}/deliveries": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The endpoint’s delivery log, newest first
         * @description Each message queued for the endpoint: its status (pending, succeeded, failed), attempts, the last answer, and the exact body sent.
         */
        readonly get: operations["WebhookEndpointsController_deliveries"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Send a delivery again, with the same webhook-id
         * @description Queues the message again for the endpoint, now and on a fresh retry schedule; receivers that deduplicate by `webhook-id` see it once in effect.
         */
        readonly post: operations["WebhookEndpointsController_replay"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/webhook-endpoints/{id}/rotate-secret": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Rotate the signing secret; the previous one signs beside it for a while
         * @description Issues a new secret, shown in this answer only. For `overlap_seconds` (default a day) each delivery carries two signatures, one per secret, so receivers can switch without missing one.
         */
        readonly post: operations["WebhookEndpointsController_rotateSecret"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/webhooks/generation": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * The generation provider’s signed outcome of a job
         * @description Called by the generation provider, not by clients: the outcome of a job (succeeded, partly or not), checked against its signature. The task is charged or its hold released accordingly.
         */
        readonly post: operations["WebhooksController_generation"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/v1/webhooks/payments/{provider}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * A payment provider’s signed notification (payment confirmed or failed)
         * @description Called by the payment provider, not by clients: a payment confirmed or failed, checked against the provider’s signature before anything happens. A notification delivered twice has the effect of one.
         */
        readonly post: operations["WebhooksController_payment"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        readonly AcceptInvitationBody: {
            /**
             * @description The invitation’s single-use code (`inv.…`)
             * @example inv.YWxpY2U.q3Vx4lIY2wLrK3F0c8B9mQk7p1sZyH6uTbN2eRdA5oW
             */
            readonly code: string;
        };
        readonly AccountDto: {
            readonly account_id: string;
            /**
             * @description How this request was authenticated
             * @enum {string}
             */
            readonly channel: "app" | "api";
            readonly plan: components["schemas"]["AccountPlanDto"];
            /**
             * Format: int32
             * @description Tasks waiting for a slot
             */
            readonly queued_tasks: number;
            /**
             * Format: int32
             * @description Tasks holding a concurrency slot (reserved, dispatched, running)
             */
            readonly running_tasks: number;
        };
        readonly AccountPlanDto: {
            /**
             * Format: int32
             * @example 6
             */
            readonly concurrency_limit: number;
            readonly entitlements: readonly ("batch_generation" | "api_access")[];
            /** @example pay-as-you-go */
            readonly id: string;
            /** @example Pay as you go */
            readonly name: string;
            readonly priority: boolean;
            /** @enum {string} */
            readonly source: "subscription" | "default";
        };
        readonly ActorDto: {
            /** @description The key id, or the member's user id */
            readonly id: string;
            /**
             * @description An API key of the account, or a signed-in member
             * @enum {string}
             */
            readonly kind: "key" | "member";
        };
        readonly ApiKeyBody: {
            /**
             * @description At most this many credits of the API pool held or charged through the key per `budget_per`; absent: no limit but the pool
             * @example 500
             */
            readonly budget_credits?: number;
            /**
             * @description The budget’s window: each UTC month (default) or the key’s life
             * @enum {string}
             */
            readonly budget_per?: "month" | "lifetime";
            /**
             * Format: date-time
             * @description When the key stops working; absent: until revoked
             * @example 2030-01-01T00:00:00Z
             */
            readonly expires_at?: string;
            /**
             * @description A name to recognise the key by
             * @example ci pipeline
             */
            readonly name?: string;
            /**
             * @description What the key may do (see the README’s table); absent: every scope
             * @example [
             *       "tasks:write",
             *       "tasks:read",
             *       "quotes"
             *     ]
             */
            readonly scopes?: readonly ("tasks:write" | "tasks:read" | "quotes" | "balances:read" | "ledger:read" | "usage:read" | "catalog:read" | "orders:write" | "orders:read" | "account:read" | "webhooks:write" | "webhooks:read")[];
        };
        readonly ApiKeyBudgetDto: {
            /** @description Credits the key may hold or charge per window */
            readonly limit: number;
            /**
             * @description Each UTC month, or the key’s life
             * @enum {string}
             */
            readonly per: "month" | "lifetime";
            /** @description What the next reservations may still take */
            readonly remaining: number;
            /** @description Held or charged through the key in the window (released credits come back) */
            readonly spent: number;
        };
        readonly ApiKeyDto: {
            /** @description null: no limit but the pool */
            readonly budget: components["schemas"]["ApiKeyBudgetDto"] | null;
            /** Format: date-time */
            readonly created_at: string;
            /** @description The member (user id) who made the key and whose role it is held to; null: made before members were recorded, by the account’s user */
            readonly created_by: string | null;
            /**
             * Format: date-time
             * @description When the key stops working; null: until revoked
             */
            readonly expires_at: string | null;
            readonly id: string;
            /** Format: date-time */
            readonly last_used_at: string | null;
            readonly name: string;
            /** @description The public part, bk_<id> */
            readonly prefix: string;
            /**
             * Format: date-time
             * @description After a rotation: until when the replaced secret still works
             */
            readonly previous_secret_expires_at: string | null;
            /** Format: date-time */
            readonly revoked_at: string | null;
            /**
             * @description Why it was revoked: by a member (`revoked`), its maker left or was removed (`member_removed`), or its maker’s role may no longer hold keys (`role_changed`); null while live
             * @enum {string|null}
             */
            readonly revoked_reason: "revoked" | "member_removed" | "role_changed" | null;
            /** @description What the key may do; null: every scope */
            readonly scopes: readonly ("tasks:write" | "tasks:read" | "quotes" | "balances:read" | "ledger:read" | "usage:read" | "catalog:read" | "orders:write" | "orders:read" | "account:read" | "webhooks:write" | "webhooks:read")[] | null;
        };
        readonly ApiKeyListDto: {
            readonly api_keys: readonly components["schemas"]["ApiKeyDto"][];
        };
        readonly AutoTopUpBody: {
            /**
             * @description Declined charges in a row after which auto top-up is disabled (default 3)
             * @example 3
             */
            readonly max_failures?: number;
            /**
             * Format: int64
             * @description Top-ups started in a calendar month (UTC) never cost more than this in all, in cents of the catalog’s currency; at least one pack
             * @example 30000
             */
            readonly monthly_cap_cents: number;
            /**
             * @description The pack bought, one of the catalog’s packs sold in this pool
             * @example api-1000
             */
            readonly pack_id: string;
            /**
             * @description A top-up starts when the pool’s available credits fall below this (credits, at most three decimals)
             * @example 100
             */
            readonly threshold: number;
        };
        readonly AutoTopUpDto: {
            readonly disabled_reason: string | null;
            /** @description Declined charges in a row */
            readonly failures: number;
            /** @description The order of the top-up whose charge has not ended yet (at most one) */
            readonly in_flight_order_id: string | null;
            readonly max_failures: number;
            readonly monthly_cap: components["schemas"]["MoneyDto"];
            /** @description Credits one top-up buys */
            readonly pack_credits: number;
            readonly pack_id: string;
            /** @description What one top-up costs (the pack’s price when the setting was saved) */
            readonly pack_price: components["schemas"]["MoneyDto"];
            readonly pool: string;
            /** @description Top-ups this calendar month (UTC), the one in flight included */
            readonly spent_this_month: components["schemas"]["MoneyDto"];
            /**
             * @description disabled: its last `max_failures` charges were declined; saving the setting again enables it
             * @enum {string}
             */
            readonly status: "enabled" | "disabled";
            /** @description Credits (at most three decimals) */
            readonly threshold: number;
        };
        readonly BalanceAlertDto: {
            /** @description Whether it fires at the next fall below it */
            readonly armed: boolean;
            /**
             * Format: int32
             * @description How often it fired
             */
            readonly crossings: number;
            /** @description Credits; null for depleted (zero) */
            readonly threshold: number | null;
            /** @enum {string} */
            readonly type: "balance.low" | "balance.depleted";
        };
        readonly BalanceAlertListDto: {
            readonly pools: readonly components["schemas"]["PoolBalanceAlertsDto"][];
        };
        readonly BalanceAlertsBody: {
            /**
             * @description Thresholds in credits (at most three decimals, at most 10); each fires once when the pool’s available credits fall below it. Empty: no alerts.
             * @example [
             *       500,
             *       100
             *     ]
             */
            readonly thresholds: readonly number[];
        };
        readonly BalanceDto: {
            readonly available: number;
            readonly balance: number;
            readonly held: number;
            /** @example api */
            readonly pool: string;
        };
        readonly BalancesAsOfDto: {
            /** Format: date-time */
            readonly as_of: string;
            /** Format: int32 */
            readonly finding_count: number;
            readonly findings: readonly components["schemas"]["FindingDto"][];
            readonly wallets: readonly components["schemas"]["WalletAsOfDto"][];
        };
        readonly BalancesDto: {
            readonly account_id: string;
            readonly balances: readonly components["schemas"]["BalanceDto"][];
        };
        readonly BatchBody: {
            /**
             * Format: int32
             * @description How many variations
             */
            readonly batch_size: number;
            /** @description Complexity (standard, high_fidelity); the book default when absent */
            readonly complexity?: string;
            /**
             * @description Seconds of output, at most three decimals
             * @example 5
             */
            readonly duration_seconds: number;
            /**
             * Format: int32
             * @description Frames per second; the book default when absent
             * @example 30
             */
            readonly fps?: number;
            /**
             * @description A preview is a short low-resolution render at a fraction of the cost
             * @enum {string}
             */
            readonly mode?: "standard" | "preview";
            /**
             * @description Model id from the price book
             * @example seedance-2.0
             */
            readonly model: string;
            /** @description Wait for slots past the concurrency limit (default true for a batch) */
            readonly queue?: boolean;
            /**
             * @description Resolution (720p, 1080p, 2160p); the book default when absent
             * @example 1080p
             */
            readonly resolution?: string;
            /** @description Whether a reference video is given (changes the rate) */
            readonly video_reference?: boolean;
        };
        readonly BatchDto: {
            readonly batch_id: string;
            readonly credits: number;
            readonly quote_id: string;
            readonly tasks: readonly components["schemas"]["TaskDto"][];
        };
        readonly CatalogDto: {
            readonly currency: string;
            readonly default_plan: string;
            /** Format: date-time */
            readonly effective_from: string;
            readonly packs: readonly components["schemas"]["PackDto"][];
            readonly plans: readonly components["schemas"]["PlanDto"][];
            readonly pools: readonly components["schemas"]["PoolDto"][];
            readonly price_book: string;
            readonly unit: string;
            readonly version: string;
        };
        readonly ChangePlanBody: {
            /**
             * @description A plan of the price book in force sold online by the month
             * @example creator
             */
            readonly plan_id: string;
        };
        readonly CheckpointDto: {
            /** Format: date-time */
            readonly created_at: string;
            /** @description SHA-256 of the stream heads */
            readonly digest: string;
            readonly key_fingerprint: string;
            /** @example checkpoint-day-2026-03-01.json */
            readonly name: string;
            /** @enum {string} */
            readonly period: "day" | "month";
            /** Format: date-time */
            readonly period_end: string;
            /** @description Under the configured verifying key; null when none is configured */
            readonly signature_valid: boolean | null;
            /** Format: int64 */
            readonly streams: number;
        };
        readonly CheckpointsDto: {
            readonly checkpoints: readonly components["schemas"]["CheckpointDto"][];
        };
        readonly CreatedApiKeyDto: {
            /** @description null: no limit but the pool */
            readonly budget: components["schemas"]["ApiKeyBudgetDto"] | null;
            /** Format: date-time */
            readonly created_at: string;
            /** @description The member (user id) who made the key and whose role it is held to; null: made before members were recorded, by the account’s user */
            readonly created_by: string | null;
            /**
             * Format: date-time
             * @description When the key stops working; null: until revoked
             */
            readonly expires_at: string | null;
            readonly id: string;
            /** @description The whole key, shown once (stored only as a hash); null when this answer is the replay of an earlier request with the same Idempotency-Key */
            readonly key: string | null;
            /** Format: date-time */
            readonly last_used_at: string | null;
            readonly name: string;
            /** @description The public part, bk_<id> */
            readonly prefix: string;
            /**
             * Format: date-time
             * @description After a rotation: until when the replaced secret still works
             */
            readonly previous_secret_expires_at: string | null;
            /** Format: date-time */
            readonly revoked_at: string | null;
            /**
             * @description Why it was revoked: by a member (`revoked`), its maker left or was removed (`member_removed`), or its maker’s role may no longer hold keys (`role_changed`); null while live
             * @enum {string|null}
             */
            readonly revoked_reason: "revoked" | "member_removed" | "role_changed" | null;
            /** @description What the key may do; null: every scope */
            readonly scopes: readonly ("tasks:write" | "tasks:read" | "quotes" | "balances:read" | "ledger:read" | "usage:read" | "catalog:read" | "orders:write" | "orders:read" | "account:read" | "webhooks:write" | "webhooks:read")[] | null;
        };
        readonly CreatedInvitationDto: {
            /** @description The single-use code to pass to the invitee: answered this once (the embedded platform logs it too), stored only as a hash */
            readonly code: string;
            /** Format: date-time */
            readonly created_at: string;
            /** @example bob@example.com */
            readonly email: string;
            /**
             * Format: date-time
             * @description The code works once, until then
             */
            readonly expires_at: string;
            /** @example inv_5f0c1a2b3c4d5e6f7a8b9c0d */
            readonly id: string;
            /** @description The member who invited */
            readonly invited_by: string;
            /** @enum {string} */
            readonly role: "owner" | "admin" | "developer" | "finance" | "viewer";
        };
        readonly FactorDto: {
            readonly description: string;
            /** @example rate */
            readonly name: string;
            /**
             * @description Exact decimal text
             * @example 15
             */
            readonly value: string;
        };
        readonly FieldErrorDto: {
            /** @description The body or query field, as the client wrote it (empty for the whole body); absent when a header is meant */
            readonly field?: string;
            /** @description The request header, as HTTP names it (`Idempotency-Key`); absent when a field is meant */
            readonly header?: string;
            readonly message: string;
        };
        readonly FindingDto: {
            /** @enum {string} */
            readonly kind: "chain" | "invariant" | "event" | "read_model" | "checkpoint";
            readonly message: string;
            /** Format: int64 */
            readonly position: number | null;
            /** Format: int64 */
            readonly revision: number | null;
            /**
             * @description A stable rule name
             * @example hash_mismatch
             */
            readonly rule: string;
            /** @example wallet-alice-api */
            readonly stream_name: string;
        };
        readonly FlowDto: {
            readonly credits: number;
            /** @description Value at the price the credits were bought at, per currency (grants count 0) */
            readonly value: readonly components["schemas"]["MoneyDto"][];
        };
        readonly FlowsDto: {
            readonly charged: components["schemas"]["FlowDto"];
            readonly expired: components["schemas"]["FlowDto"];
            readonly granted: components["schemas"]["FlowDto"];
            readonly purchased: components["schemas"]["FlowDto"];
            readonly refunded: components["schemas"]["FlowDto"];
            readonly revoked: components["schemas"]["FlowDto"];
        };
        readonly InvitationBody: {
            /**
             * @description Where the invitee is reached; the code is answered (and logged by the embedded platform), no mail is sent
             * @example bob@example.com
             */
            readonly email: string;
            /**
             * @description The role the invitee joins with (only an owner invites an owner)
             * @example developer
             * @enum {string}
             */
            readonly role: "owner" | "admin" | "developer" | "finance" | "viewer";
        };
        readonly InvitationDto: {
            /** Format: date-time */
            readonly created_at: string;
            /** @example bob@example.com */
            readonly email: string;
            /**
             * Format: date-time
             * @description The code works once, until then
             */
            readonly expires_at: string;
            /** @example inv_5f0c1a2b3c4d5e6f7a8b9c0d */
            readonly id: string;
            /** @description The member who invited */
            readonly invited_by: string;
            /** @enum {string} */
            readonly role: "owner" | "admin" | "developer" | "finance" | "viewer";
        };
        readonly InvitationListDto: {
            readonly invitations: readonly components["schemas"]["InvitationDto"][];
        };
        readonly LedgerDto: {
            readonly entries: readonly components["schemas"]["LedgerEntryDto"][];
            /**
             * Format: int64
             * @description Pass as `after` for the next page
             */
            readonly next: number | null;
        };
        readonly LedgerEntryDto: {
            /** Format: date-time */
            readonly at: string;
            readonly available: number;
            readonly balance: number;
            readonly balance_change: number;
            readonly credits: number;
            readonly event_id: string;
            readonly grant_id: string | null;
            readonly held: number;
            readonly held_change: number;
            readonly pool: string;
            /** Format: int64 */
            readonly position: number;
            readonly purchase_id: string | null;
            readonly reason: string | null;
            readonly refund_id: string | null;
            readonly reservation_id: string | null;
            readonly task_id: string | null;
            /** @example CreditsPurchased */
            readonly type: string;
        };
        readonly LiabilityDto: {
            /** Format: date-time */
            readonly as_of: string;
            /** Format: int32 */
            readonly finding_count: number;
            readonly findings: readonly components["schemas"]["FindingDto"][];
            /** Format: date-time */
            readonly period_from: string;
            readonly pools: readonly components["schemas"]["PoolLiabilityDto"][];
            /**
             * @description How money is rounded to cents, once per figure
             * @example half_even
             */
            readonly rounding: string;
        };
        readonly LiveDto: {
            /** @enum {string} */
            readonly status: "ok";
        };
        readonly MemberDto: {
            /** @description The address the member was invited at, or the one their token’s `email` claim named (null: none known); `user_id` stays the member’s id */
            readonly email: string | null;
            /** Format: date-time */
            readonly joined_at: string;
            /** @enum {string} */
            readonly role: "owner" | "admin" | "developer" | "finance" | "viewer";
            /** @example bob */
            readonly user_id: string;
        };
        readonly MemberRoleBody: {
            /**
             * @description The member’s new role (only an owner makes or unmakes an owner; the last owner stays one)
             * @example admin
             * @enum {string}
             */
            readonly role: "owner" | "admin" | "developer" | "finance" | "viewer";
        };
        readonly MembershipDto: {
            /** @example alice */
            readonly organisation_id: string;
            /** @enum {string} */
            readonly role: "owner" | "admin" | "developer" | "finance" | "viewer";
            /** @example bob */
            readonly user_id: string;
        };
        readonly MoneyDto: {
            /**
             * Format: int64
             * @example 7200
             */
            readonly amount_cents: number;
            /** @example USD */
            readonly currency: string;
        };
        readonly OrderBody: {
            /**
             * @description A credit pack or a plan
             * @enum {string}
             */
            readonly kind: "pack" | "plan";
            /** @description The pack (kind pack only), e.g. api-1000 */
            readonly pack_id?: string;
            /** @description The plan (kind plan only), e.g. creator */
            readonly plan_id?: string;
        };
        readonly OrderDto: {
            /** @description Who placed the order; null for an order from before that was recorded */
            readonly actor: components["schemas"]["ActorDto"] | null;
            readonly amount: components["schemas"]["MoneyDto"];
            /** @description Where the buyer pays (when just placed) */
            readonly checkout_url: string | null;
            readonly id: string;
            readonly item: components["schemas"]["OrderItemDto"];
            readonly payment_id: string | null;
            /** Format: date-time */
            readonly placed_at: string;
            readonly price_book: string;
            /** @description Money returned so far: a pack’s price pro rata to the credits taken back */
            readonly refunded: components["schemas"]["MoneyDto"];
            /** @enum {string} */
            readonly status: "placed" | "paid" | "payment_failed" | "refund_requested" | "refunded";
            readonly version: string;
        };
        readonly OrderItemDto: {
            /** @description Credits of the pack, or of the plan each month */
            readonly credits: number;
            /** @enum {string} */
            readonly kind: "pack" | "plan";
            readonly pack_id: string | null;
            readonly plan_id: string | null;
            readonly pool: string;
        };
        readonly OrganisationBody: {
            /**
             * @description A name to recognise the organisation by (the dashboard’s switcher shows it)
             * @example Studio
             */
            readonly name: string;
        };
        readonly OrganisationDto: {
            /**
             * @description The organisation’s id: the account its pools, orders, plans, keys and tasks belong to
             * @example alice
             */
            readonly id: string;
            readonly members: readonly components["schemas"]["MemberDto"][];
            /**
             * @description Its name (null: a user’s own organisation, which has none)
             * @example Studio
             */
            readonly name: string | null;
            /**
             * @description The caller’s own role here
             * @enum {string}
             */
            readonly role: "owner" | "admin" | "developer" | "finance" | "viewer";
        };
        readonly OrganisationListDto: {
            readonly organisations: readonly components["schemas"]["OrganisationSummaryDto"][];
        };
        readonly OrganisationSummaryDto: {
            /** @description Whether this request acted in it */
            readonly current: boolean;
            /**
             * @description The organisation’s id; act in it with `X-Organisation-Id`
             * @example org_5f0c1a2b3c4d5e6f7a8b9c0d1e2f3a4b
             */
            readonly id: string;
            /** @description How many members it has */
            readonly members: number;
            /**
             * @description Its name (null: a user’s own organisation, which has none)
             * @example Studio
             */
            readonly name: string | null;
            /**
             * @description The caller’s role there
             * @enum {string}
             */
            readonly role: "owner" | "admin" | "developer" | "finance" | "viewer";
        };
        readonly OrganisationsVerificationDto: {
            /**
             * Format: int64
             * @description Accounts with wallets, each checked to be one organisation’s
             */
            readonly accounts: number;
            /**
             * Format: int64
             * @description Events of the organisation streams read
             */
            readonly events_read: number;
            /**
             * Format: int32
             * @description Of the reply’s findings, those about organisations
             */
            readonly finding_count: number;
            /** Format: int64 */
            readonly members: number;
            /**
             * Format: int64
             * @description Organisations founded by the migration of a single-user account
             */
            readonly migrated: number;
            /** Format: int64 */
            readonly organisations: number;
        };
        readonly OutstandingDto: {
            readonly credits: number;
            readonly granted_credits: number;
            readonly purchased_credits: number;
            /** @description Value at the price the credits were bought at, per currency (grants count 0) */
            readonly value: readonly components["schemas"]["MoneyDto"][];
        };
        readonly PackDto: {
            readonly credits: number;
            /** @example api-1000 */
            readonly id: string;
            readonly pool: string;
            readonly price: components["schemas"]["MoneyDto"];
        };
        readonly PendingPlanChangeDto: {
            /**
             * Format: date-time
             * @description The end of the paid period: the next renewal is this plan’s
             */
            readonly from: string;
            readonly plan_id: string;
        };
        readonly PlanDto: {
            /** Format: int32 */
            readonly concurrency_limit: number;
            readonly entitlements: readonly ("batch_generation" | "api_access")[];
            readonly id: string;
            readonly monthly_credits: number;
            readonly name: string;
            readonly pool: string;
            /** @description Monthly price; null for a contract plan */
            readonly price: components["schemas"]["MoneyDto"] | null;
            readonly priority: boolean;
        };
        readonly PlanSubscriptionDto: {
            /**
             * @description provider: bought online, each period is granted when its renewal is paid
             * @enum {string}
             */
            readonly billing: "provider" | "contract";
            /** Format: date-time */
            readonly cancelled_at: string | null;
            /**
             * Format: date-time
             * @description Cancelled at period end: the plan ends then unless resumed
             */
            readonly ends_at: string | null;
            /**
             * Format: date-time
             * @description End of the last paid period: its credits expire then
             */
            readonly paid_through: string | null;
            /** @description A downgrade scheduled: the plan renews as plan_id from `from` */
            readonly pending_change: components["schemas"]["PendingPlanChangeDto"] | null;
            readonly plan_id: string;
            /**
             * @description past_due: a renewal was declined; nothing is granted for its period until it is paid
             * @enum {string}
             */
            readonly status: "active" | "past_due" | "cancelled";
        };
        readonly PoolBalanceAlertsDto: {
            readonly alerts: readonly components["schemas"]["BalanceAlertDto"][];
            readonly pool: string;
            /** @description Credits, highest first */
            readonly thresholds: readonly number[];
        };
        readonly PoolDto: {
            readonly channels: readonly ("app" | "api")[];
            readonly id: string;
        };
        readonly PoolLiabilityDto: {
            /** @description Every movement since the first event */
            readonly all_time: components["schemas"]["FlowsDto"];
            /** @description Credits that expired unused in the period */
            readonly breakage: components["schemas"]["FlowDto"];
            /** @description Outstanding at the start of the period */
            readonly opening: components["schemas"]["FlowDto"];
            /** @description Credits still in balances at as_of (held ones included) */
            readonly outstanding: components["schemas"]["OutstandingDto"];
            /** @description Movements recorded in the period */
            readonly period: components["schemas"]["FlowsDto"];
            /** @example api */
            readonly pool: string;
            /** @description opening + period = outstanding and all-time = outstanding, exactly, per price class */
            readonly reconciles: boolean;
            /** @description Charged credits at their purchase price, less refunds, in the period */
            readonly revenue_recognised: readonly components["schemas"]["MoneyDto"][];
        };
        readonly ProblemDto: {
            /** @description forbidden: the roles that may call the operation (the README’s role table) */
            readonly allowed_roles?: readonly string[];
            /** @description insufficient-credits: credits available in the pool; key-budget-exceeded: left of the key’s budget */
            readonly available?: number;
            readonly detail: string;
            /** @description forbidden: the entitlement the plan lacks */
            readonly entitlement?: string;
            /** @description validation: every bad field */
            readonly errors?: readonly components["schemas"]["FieldErrorDto"][];
            readonly instance?: string;
            /** @description key-budget-exceeded: the API key whose budget is spent */
            readonly key_id?: string;
            /**
             * Format: int32
             * @description concurrency-limit: the plan’s limit
             */
            readonly limit?: number;
            /** @description forbidden: the operation the caller’s role (or key) may not call */
            readonly operation?: string;
            /** @description insufficient-credits: the pool that is short */
            readonly pool?: string;
            /** @description insufficient-credits: credits the task needs */
            readonly required?: number;
            /**
             * Format: int32
             * @description rate-limited or unavailable: seconds to wait (also in Retry-After)
             */
            readonly retry_after?: number;
            /** @description forbidden: the caller’s role in the organisation */
            readonly role?: string;
            /**
             * Format: int32
             * @description concurrency-limit: tasks running now
             */
            readonly running?: number;
            /** @description forbidden: the scope the API key lacks */
            readonly scope?: string;
            /** Format: int32 */
            readonly status: number;
            readonly title: string;
            /**
             * Format: uri
             * @example https://billing.local/problems/insufficient-credits
             */
            readonly type: string;
        };
        readonly QuoteBody: {
            /**
             * Format: int32
             * @description Variations of one prompt priced together
             */
            readonly batch_size?: number;
            /** @description Complexity (standard, high_fidelity); the book default when absent */
            readonly complexity?: string;
            /**
             * @description Seconds of output, at most three decimals
             * @example 5
             */
            readonly duration_seconds: number;
            /**
             * Format: int32
             * @description Frames per second; the book default when absent
             * @example 30
             */
            readonly fps?: number;
            /**
             * @description A preview is a short low-resolution render at a fraction of the cost
             * @enum {string}
             */
            readonly mode?: "standard" | "preview";
            /**
             * @description Model id from the price book
             * @example seedance-2.0
             */
            readonly model: string;
            /**
             * @description Resolution (720p, 1080p, 2160p); the book default when absent
             * @example 1080p
             */
            readonly resolution?: string;
            /** @description Whether a reference video is given (changes the rate) */
            readonly video_reference?: boolean;
        };
        readonly QuoteDto: {
            readonly breakdown: readonly components["schemas"]["FactorDto"][];
            /** @example 75 */
            readonly credits: number;
            /** Format: date-time */
            readonly expires_at: string;
            /** @description One per task (several for a batch) */
            readonly items: readonly components["schemas"]["QuoteItemDto"][];
            /** @description The pool the caller’s channel draws on */
            readonly pool: string | null;
            /** @example credits */
            readonly price_book: string;
            readonly quote_id: string;
            /** Format: date-time */
            readonly quoted_at: string;
            readonly rounding: components["schemas"]["RoundingDto"];
            /** @example credits */
            readonly unit: string;
            readonly version: string;
        };
        readonly QuoteItemDto: {
            readonly breakdown: readonly components["schemas"]["FactorDto"][];
            readonly credits: number;
        };
        readonly ReadyDto: {
            readonly ready: boolean;
            readonly services: {
                readonly [key: string]: "up" | "down";
            };
        };
        readonly ReceiptDto: {
            readonly amount: components["schemas"]["MoneyDto"];
            /** @description Credits the payment granted (at most three decimals) */
            readonly credits: number;
            readonly description: string;
            /** @description order:<order id>, renewal:<invoice id> or upgrade:<account>:<instant> */
            readonly id: string;
            /** @description A renewal’s or an upgrade’s invoice, which `POST /v1/renewals/{id}/refund` names; null for an order (refunded by its `order_id`) */
            readonly invoice_id: string | null;
            /**
             * @description order: a pack or a plan’s first month; renewal: a later month; upgrade: the pro rata difference
             * @enum {string}
             */
            readonly kind: "order" | "renewal" | "upgrade";
            readonly order_id: string | null;
            /** Format: date-time */
            readonly paid_at: string;
            /** Format: date-time */
            readonly period_end: string | null;
            /**
             * Format: date-time
             * @description The plan period paid for; null for a pack
             */
            readonly period_start: string | null;
            readonly pool: string;
            /** @description The payment provider’s hosted receipt or invoice, where it has one */
            readonly receipt_url: string | null;
            /**
             * @description `refund_requested` until the wallet’s revocation of the unspent credits is settled
             * @enum {string}
             */
            readonly refund_status: "none" | "refund_requested" | "refunded";
            /** @description The caller’s role may ask for its refund (the payment may still refuse it, e.g. a used pack asked by its owner) and none was asked yet */
            readonly refundable: boolean;
            /** @description Money returned so far: the price pro rata to the credits taken back */
            readonly refunded: components["schemas"]["MoneyDto"];
            /** @description The tax the payment provider computed; null when it computed none */
            readonly tax: components["schemas"]["MoneyDto"] | null;
        };
        readonly ReceiptListDto: {
            readonly receipts: readonly components["schemas"]["ReceiptDto"][];
        };
        readonly RefundBody: {
            /**
             * @description Why the money goes back (shown to finance with the revoked credits)
             * @example bought by mistake
             */
            readonly reason?: string;
        };
        readonly RejectionDto: {
            readonly available: number | null;
            /** Format: int32 */
            readonly limit: number | null;
            /** @enum {string} */
            readonly reason: "insufficient_credits" | "key_budget_exceeded" | "concurrency_limit";
            readonly required: number | null;
            /** Format: int32 */
            readonly running: number | null;
        };
        readonly RenewalDto: {
            readonly account_id: string;
            readonly amount: components["schemas"]["MoneyDto"];
            /** @description Credits the renewal granted for its period (at most three decimals) */
            readonly credits: number;
            /** @description The renewal’s invoice id at the payment provider */
            readonly id: string;
            /** Format: date-time */
            readonly period_end: string;
            /** Format: date-time */
            readonly period_start: string;
            /** @description Money returned so far */
            readonly refunded: components["schemas"]["MoneyDto"];
            /** @description Credits of the period taken back so far */
            readonly revoked_credits: number;
            /**
             * @description `refund_requested` until the wallet’s revocation of the period’s credits is settled
             * @enum {string}
             */
            readonly status: "paid" | "refund_requested" | "refunded";
        };
        readonly RotateApiKeyBody: {
            /**
             * Format: int32
             * @description Seconds the replaced secret keeps working (default 86400)
             * @example 3600
             */
            readonly overlap_seconds?: number;
        };
        readonly RotateSecretBody: {
            /**
             * Format: int32
             * @description Seconds the previous secret keeps signing beside the new one (default 86400)
             */
            readonly overlap_seconds?: number;
        };
        readonly RoundingDto: {
            readonly increment_credits: number;
            /** @example half_up */
            readonly mode: string;
        };
        readonly StatementDto: {
            readonly account_id: string;
            /** @description Balance as of to */
            readonly closing_balance: number;
            readonly closing_held: number;
            readonly entries: readonly components["schemas"]["StatementEntryDto"][];
            /** Format: int32 */
            readonly finding_count: number;
            readonly findings: readonly components["schemas"]["FindingDto"][];
            /** Format: date-time */
            readonly from: string;
            /** @description Balance from everything recorded before from */
            readonly opening_balance: number;
            /** @example api */
            readonly pool: string;
            /** Format: date-time */
            readonly to: string;
        };
        readonly StatementEntryDto: {
            /** @description Money paid, for purchases */
            readonly amount: components["schemas"]["MoneyDto"] | null;
            /**
             * Format: date-time
             * @description The business instant the wallet decided at
             */
            readonly at: string;
            /** @description Running balance after this entry */
            readonly balance: number;
            readonly balance_change: number;
            readonly credits: number;
            /** @description Held after this entry */
            readonly held: number;
            readonly held_change: number;
            readonly lot_id: string | null;
            /** @description The order, for purchases and revocations */
            readonly order_id: string | null;
            /** Format: int64 */
            readonly position: number;
            readonly price_book: string | null;
            readonly price_book_version: string | null;
            readonly reason: string | null;
            /**
             * Format: date-time
             * @description When the store recorded it (periods are on this clock)
             */
            readonly recorded_at: string;
            readonly reservation_id: string | null;
            /** Format: int64 */
            readonly revision: number;
            readonly task_id: string | null;
            /** @example CreditsPurchased */
            readonly type: string;
        };
        readonly TaskBody: {
            /** @description Complexity (standard, high_fidelity); the book default when absent */
            readonly complexity?: string;
            /**
             * @description Seconds of output, at most three decimals
             * @example 5
             */
            readonly duration_seconds: number;
            /**
             * Format: int32
             * @description Frames per second; the book default when absent
             * @example 30
             */
            readonly fps?: number;
            /**
             * @description A preview is a short low-resolution render at a fraction of the cost
             * @enum {string}
             */
            readonly mode?: "standard" | "preview";
            /**
             * @description Model id from the price book
             * @example seedance-2.0
             */
            readonly model: string;
            /** @description Past the concurrency limit, wait in the queue instead of a 429 */
            readonly queue?: boolean;
            /**
             * @description Resolution (720p, 1080p, 2160p); the book default when absent
             * @example 1080p
             */
            readonly resolution?: string;
            /** @description Whether a reference video is given (changes the rate) */
            readonly video_reference?: boolean;
        };
        readonly TaskDto: {
            /** @description Who made the task; null for a task from before that was recorded */
            readonly actor: components["schemas"]["ActorDto"] | null;
            readonly adopted: boolean;
            readonly batch_id: string | null;
            /** Format: int32 */
            readonly batch_index: number | null;
            /** @enum {string} */
            readonly channel: "app" | "api";
            /**
             * @description How the output is charged: the quote in full, or pro_rata when it is shorter than quoted and the price book charges for its length; null until delivered
             * @enum {string|null}
             */
            readonly charge_basis: "full" | "pro_rata" | null;
            /** Format: date-time */
            readonly created_at: string;
            /** @description What was charged; null until charged */
            readonly credits_cost: number | null;
            readonly credits_reserved: number;
            /** @description Seconds of output the provider delivered (at most 3 decimals); null until delivered */
            readonly delivered_duration_seconds: number | null;
            /** @description Why it ended; null while under way */
            readonly end_reason: string | null;
            readonly id: string;
            /** @example api */
            readonly pool: string;
            readonly preview: boolean;
            readonly quote: components["schemas"]["TaskQuoteDto"];
            readonly rejection: components["schemas"]["RejectionDto"] | null;
            /** @enum {string} */
            readonly status: "requested" | "queued" | "reserved" | "dispatched" | "running" | "succeeded" | "failed" | "cancelled" | "timed_out" | "charged" | "released" | "rejected";
        };
        readonly TaskPageDto: {
            /** @description Pass as `after` for the next page */
            readonly next: string | null;
            readonly tasks: readonly components["schemas"]["TaskDto"][];
        };
        readonly TaskQuoteDto: {
            /** Format: int32 */
            readonly batch_index: number | null;
            /** Format: int32 */
            readonly batch_size: number | null;
            readonly breakdown: readonly components["schemas"]["FactorDto"][];
            readonly credits: number;
            readonly duration_seconds: number;
            /** Format: date-time */
            readonly expires_at: string;
            /** @enum {string} */
            readonly mode: "standard" | "preview";
            readonly model: string;
            readonly price_book: string;
            readonly quote_id: string;
            /** Format: date-time */
            readonly quoted_at: string;
            readonly version: string;
        };
        readonly UsageDto: {
            /** Format: date */
            readonly from: string;
            /**
             * @description What `groups` is broken down by; null when not asked
             * @enum {string|null}
             */
            readonly group_by: "key" | "member" | null;
            /** @description Per API key or member and pool (empty without `group_by`); together they sum to total_credits */
            readonly groups: readonly components["schemas"]["UsageGroupDto"][];
            readonly pool: string | null;
            readonly rows: readonly components["schemas"]["UsageRowDto"][];
            /** Format: date */
            readonly to: string;
            readonly total_credits: number;
        };
        readonly UsageGroupDto: {
            /** @description Credits charged */
            readonly credits: number;
            /** @description The API key id or the member’s user id (by member, a key’s charges are its maker’s); null: every other charge (by a member when grouping by key, or by a task from before its maker was recorded) */
            readonly id: string | null;
            /** @example api */
            readonly pool: string;
            /**
             * Format: int32
             * @description Tasks charged
             */
            readonly tasks: number;
        };
        readonly UsageRowDto: {
            /** @description Credits charged */
            readonly credits: number;
            /**
             * Format: date
             * @description UTC day of the charge
             * @example 2026-03-01
             */
            readonly day: string;
            /** @example standard */
            readonly mode: string;
            /**
             * @description unknown when the task is not found
             * @example seedance-2.0
             */
            readonly model: string;
            /** @example api */
            readonly pool: string;
            /**
             * Format: int32
             * @description Tasks charged
             */
            readonly tasks: number;
        };
        readonly UtilisationDto: {
            readonly adopted_credits: number;
            readonly charged_credits: number;
            /** @example 66.67% */
            readonly percentage: string | null;
        };
        readonly VerificationDto: {
            /**
             * Format: int32
             * @description Signed checkpoints the history was checked against
             */
            readonly checkpoints: number;
            /** Format: int64 */
            readonly events_read: number;
            /** Format: int32 */
            readonly finding_count: number;
            readonly findings: readonly components["schemas"]["FindingDto"][];
            /** @description The gateway’s organisation streams audited with the wallets: chains, the migration of single-user accounts, an owner always, every account one organisation’s, pools never mixed (a lot funds one wallet only); null when their store is not beside finance */
            readonly organisations: components["schemas"]["OrganisationsVerificationDto"] | null;
            /** Format: int64 */
            readonly streams: number;
            /** @description True when nothing was found */
            readonly verified: boolean;
        };
        readonly WalletAsOfDto: {
            readonly account_id: string;
            readonly available: number;
            readonly balance: number;
            readonly held: number;
            /** @example api */
            readonly pool: string;
            /**
             * Format: int64
             * @description Revision of the wallet stream at that instant
             */
            readonly revision: number;
        };
        readonly WebhookDeliveryDto: {
            /** Format: int32 */
            readonly attempts: number;
            /** Format: date-time */
            readonly created_at: string;
            /** @enum {string} */
            readonly event_type: "credits.purchased" | "plan.renewed" | "plan.renewal_failed" | "task.charged" | "task.refunded" | "balance.low" | "balance.depleted" | "grant.expiring" | "auto_top_up.succeeded" | "auto_top_up.failed";
            readonly id: string;
            readonly last_error: string | null;
            /** Format: int32 */
            readonly last_status_code: number | null;
            /** @description The `webhook-id` header: the same on every attempt and replay */
            readonly message_id: string;
            /** Format: date-time */
            readonly next_attempt_at: string | null;
            /** @description The exact body each attempt sends and signs */
            readonly payload: string;
            /** @enum {string} */
            readonly status: "pending" | "succeeded" | "failed";
        };
        readonly WebhookDeliveryListDto: {
            readonly deliveries: readonly components["schemas"]["WebhookDeliveryDto"][];
        };
        readonly WebhookEndpointBody: {
            /** @description A note to recognise the endpoint by */
            readonly description?: string;
            /** @description Whether deliveries are made (default true; enabling again clears the platform’s reason for disabling it) */
            readonly enabled?: boolean;
            /**
             * @description The event types delivered to the endpoint
             * @example [
             *       "credits.purchased"
             *     ]
             */
            readonly event_types: readonly ("credits.purchased" | "plan.renewed" | "plan.renewal_failed" | "task.charged" | "task.refunded" | "balance.low" | "balance.depleted" | "grant.expiring" | "auto_top_up.succeeded" | "auto_top_up.failed")[];
            /**
             * @description Where deliveries are POSTed (http or https; no private or loopback address in production)
             * @example https://example.com/billing-hooks
             */
            readonly url: string;
        };
        readonly WebhookEndpointChangesBody: {
            /** @description A note to recognise the endpoint by */
            readonly description?: string;
            /** @description Whether deliveries are made (default true; enabling again clears the platform’s reason for disabling it) */
            readonly enabled?: boolean;
            /**
             * @description The event types delivered to the endpoint
             * @example [
             *       "credits.purchased"
             *     ]
             */
            readonly event_types?: readonly ("credits.purchased" | "plan.renewed" | "plan.renewal_failed" | "task.charged" | "task.refunded" | "balance.low" | "balance.depleted" | "grant.expiring" | "auto_top_up.succeeded" | "auto_top_up.failed")[];
            /**
             * @description Where deliveries are POSTed (http or https; no private or loopback address in production)
             * @example https://example.com/billing-hooks
             */
            readonly url?: string;
        };
        readonly WebhookEndpointDto: {
            /** Format: date-time */
            readonly created_at: string;
            readonly description: string | null;
            /** @description Why the platform disabled it (its deliveries kept failing) */
            readonly disabled_reason: string | null;
            readonly enabled: boolean;
            readonly event_types: readonly ("credits.purchased" | "plan.renewed" | "plan.renewal_failed" | "task.charged" | "task.refunded" | "balance.low" | "balance.depleted" | "grant.expiring" | "auto_top_up.succeeded" | "auto_top_up.failed")[];
            readonly id: string;
            readonly url: string;
        };
        readonly WebhookEndpointListDto: {
            readonly endpoints: readonly components["schemas"]["WebhookEndpointDto"][];
        };
        readonly WebhookEndpointWithSecretDto: {
            /** Format: date-time */
            readonly created_at: string;
            readonly description: string | null;
            /** @description Why the platform disabled it (its deliveries kept failing) */
            readonly disabled_reason: string | null;
            readonly enabled: boolean;
            readonly event_types: readonly ("credits.purchased" | "plan.renewed" | "plan.renewal_failed" | "task.charged" | "task.refunded" | "balance.low" | "balance.depleted" | "grant.expiring" | "auto_top_up.succeeded" | "auto_top_up.failed")[];
            readonly id: string;
            /** @description The signing secret (`whsec_` and base64), shown when created or rotated; null when this answer is the replay of a create with the same Idempotency-Key */
            readonly secret: string | null;
            readonly url: string;
        };
        readonly WebhookOutcomeDto: {
            readonly order_id: string | null;
            /** @enum {string} */
            readonly outcome: "applied" | "duplicate" | "ignored";
            readonly task_id: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description What is left of the quota (draft-ietf-httpapi-ratelimit-headers): the policy’s name, `r` requests remaining, `t` seconds until the quota is whole, e.g. `"per-api-key";r=42;t=17` */
        readonly RateLimit: string;
        /** @description The caller’s quota policy (draft-ietf-httpapi-ratelimit-headers): its name, `q` requests per window of `w` seconds, e.g. `"per-api-key";q=100;w=60` */
        readonly "RateLimit-Policy": string;
        /** @description Seconds to wait before a retry can succeed */
        readonly "Retry-After": number;
        /** @description The challenge: `Bearer realm="billing"`, with `error="invalid_token"` when the credential sent was refused */
        readonly "WWW-Authenticate": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    readonly OperationsController_live: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["LiveDto"];
                };
            };
        };
    };
    readonly OperationsController_ready: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["ReadyDto"];
                };
            };
            readonly 503: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["ReadyDto"];
                };
            };
        };
    };
    readonly OperationsController_prometheus: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description Prometheus text format */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "text/plain": string;
                };
            };
        };
    };
    readonly AccountController_account: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["AccountDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly ApiKeysController_list: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["ApiKeyListDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly ApiKeysController_create: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description Scoped to the credential (the app user, or one API key). Same key and body: the first answer again, a refusal as it was, a created resource as it is now. Same key with another body, or from another credential: 422. */
                readonly "Idempotency-Key"?: string;
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: {
            readonly content: {
                readonly "application/json": components["schemas"]["ApiKeyBody"];
            };
        };
        readonly responses: {
            readonly 201: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used before with a different request, or by another credential of the account */
            readonly 422: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly ApiKeysController_revoke: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The key’s id (`id` in the list, not its secret) */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly ApiKeysController_rotate: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The key’s id (`id` in the list, not its secret) */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: {
            readonly content: {
                readonly "application/json": components["schemas"]["RotateApiKeyBody"];
            };
        };
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly AutoTopUpController_get: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The pool (`app` or `api` with the credits book) */
                readonly pool: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["AutoTopUpDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly AutoTopUpController_set: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The pool (`app` or `api` with the credits book) */
                readonly pool: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["AutoTopUpBody"];
            };
        };
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["AutoTopUpDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly AutoTopUpController_remove: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The pool (`app` or `api` with the credits book) */
                readonly pool: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description Off */
            readonly 204: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly BalanceAlertsController_list: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["BalanceAlertListDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly BalanceAlertsController_set: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The pool (`app` or `api` with the credits book) */
                readonly pool: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["BalanceAlertsBody"];
            };
        };
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["PoolBalanceAlertsDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly AccountController_balances: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["BalancesDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly TasksController_createBatch: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description Scoped to the credential (the app user, or one API key). Same key and body: the first answer again, a refusal as it was, a created resource as it is now. Same key with another body, or from another credential: 422. */
                readonly "Idempotency-Key"?: string;
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["BatchBody"];
            };
        };
        readonly responses: {
            readonly 201: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["BatchDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Insufficient credits in the pool the channel draws on (`pool`, `available`, `required`) */
            readonly 402: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used before with a different request, or by another credential of the account */
            readonly 422: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly AccountController_catalog: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["CatalogDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly FinanceController_balances: {
        readonly parameters: {
            readonly query: {
                /** @description Only this account; absent: every account */
                readonly account?: string;
                /** @description Events recorded at or before this instant count */
                readonly as_of: string;
                /** @description Only this pool; absent: every pool */
                readonly pool?: string;
            };
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["BalancesAsOfDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly FinanceController_checkpoints: {
        readonly parameters: {
            readonly query?: {
                /** @description Only checkpoints that close a period of this length; absent: all */
                readonly period?: "day" | "month";
            };
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["CheckpointsDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly FinanceController_liability: {
        readonly parameters: {
            readonly query?: {
                /** @description Outstanding at this instant, the end of the period (as_of or to is required) */
                readonly as_of?: string;
                /** @description Start of the period; not after as_of */
                readonly from?: string;
                /** @description End of the period: the same instant as as_of */
                readonly to?: string;
            };
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["LiabilityDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly FinanceController_statement: {
        readonly parameters: {
            readonly query: {
                /** @description The account whose statement it is */
                readonly account: string;
                /** @description First instant, inclusive */
                readonly from: string;
                /** @description The pool whose wallet it is */
                readonly pool: string;
                /** @description Last instant, inclusive; not before from */
                readonly to: string;
            };
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["StatementDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly FinanceController_verify: {
        readonly parameters: {
            readonly query?: {
                /** @description chain: chains and invariants only; checkpoints (default): also every stored checkpoint */
                readonly scope?: "chain" | "checkpoints";
            };
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["VerificationDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly InvitationsController_accept: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["AcceptInvitationBody"];
            };
        };
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["MembershipDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly AccountController_ledger: {
        readonly parameters: {
            readonly query?: {
                /** @description The last position of the previous page (`next_after`); absent: from the first entry */
                readonly after?: number;
                /** @description Entries per page, at most 1000 */
                readonly limit?: number;
                /** @description Only entries of this pool (`app`, `api`, or `points`) */
                readonly pool?: string;
            };
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["LedgerDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrdersController_place: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description Scoped to the credential (the app user, or one API key). Same key and body: the first answer again, a refusal as it was, a created resource as it is now. Same key with another body, or from another credential: 422. */
                readonly "Idempotency-Key"?: string;
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["OrderBody"];
            };
        };
        readonly responses: {
            readonly 201: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["OrderDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used before with a different request, or by another credential of the account */
            readonly 422: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrdersController_get: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The order’s id */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["OrderDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrdersController_confirm: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description Scoped to the credential (the app user, or one API key). Same key and body: the first answer again, a refusal as it was, a created resource as it is now. Same key with another body, or from another credential: 422. */
                readonly "Idempotency-Key"?: string;
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The order’s id */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["OrderDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used before with a different request, or by another credential of the account */
            readonly 422: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrdersController_receipt: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The order’s id */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["ReceiptDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrdersController_refund: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The order’s id */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: {
            readonly content: {
                readonly "application/json": components["schemas"]["RefundBody"];
            };
        };
        readonly responses: {
            readonly 202: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["OrderDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem details */
            readonly 502: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrganisationController_get: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["OrganisationDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrganisationController_invitations: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["InvitationListDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrganisationController_invite: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["InvitationBody"];
            };
        };
        readonly responses: {
            readonly 201: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["CreatedInvitationDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrganisationController_revokeInvitation: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The invitation’s id (not its code) */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["InvitationListDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrganisationController_leave: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["MembershipDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrganisationController_removeMember: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The member’s user id (`user_id` in the organisation) */
                readonly userId: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["OrganisationDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrganisationController_changeRole: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The member’s user id (`user_id` in the organisation) */
                readonly userId: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["MemberRoleBody"];
            };
        };
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["OrganisationDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrganisationsController_list: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["OrganisationListDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly OrganisationsController_create: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description Scoped to the credential (the app user, or one API key). Same key and body: the first answer again, a refusal as it was, a created resource as it is now. Same key with another body, or from another credential: 422. */
                readonly "Idempotency-Key"?: string;
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["OrganisationBody"];
            };
        };
        readonly responses: {
            readonly 201: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["OrganisationSummaryDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used before with a different request, or by another credential of the account */
            readonly 422: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly TasksController_quote: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description Scoped to the credential (the app user, or one API key). Same key and body: the first answer again, a refusal as it was, a created resource as it is now. Same key with another body, or from another credential: 422. */
                readonly "Idempotency-Key"?: string;
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["QuoteBody"];
            };
        };
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["QuoteDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used before with a different request, or by another credential of the account */
            readonly 422: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly ReceiptsController_list: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["ReceiptListDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly RenewalsController_refund: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The invoice id at the payment provider of a renewal, or of an upgrade’s pro rata charge (a receipt of kind `renewal` is `renewal:<invoice id>`) */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: {
            readonly content: {
                readonly "application/json": components["schemas"]["RefundBody"];
            };
        };
        readonly responses: {
            readonly 202: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["RenewalDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem details */
            readonly 502: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly SandboxCheckoutController_checkout: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The order’s id */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description See the dashboard’s checkout view */
            readonly 303: {
                headers: {
                    /** @description /dashboard/checkout/<order id> */
                    readonly Location?: string;
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly SubscriptionController_get: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["PlanSubscriptionDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly SubscriptionController_cancel: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["PlanSubscriptionDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem details */
            readonly 502: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly SubscriptionController_change: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["ChangePlanBody"];
            };
        };
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["PlanSubscriptionDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem details */
            readonly 502: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly SubscriptionController_resume: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["PlanSubscriptionDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem details */
            readonly 502: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly SubscriptionController_declineNextRenewal: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["PlanSubscriptionDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly TasksController_listTasks: {
        readonly parameters: {
            readonly query?: {
                /** @description The last task id of the previous page (`next_after`); absent: the first page */
                readonly after?: string;
                /** @description Tasks per page, at most 500 */
                readonly limit?: number;
                /** @description Only tasks in this status */
                readonly status?: "requested" | "queued" | "reserved" | "dispatched" | "running" | "succeeded" | "failed" | "cancelled" | "timed_out" | "charged" | "released" | "rejected";
            };
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["TaskPageDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly TasksController_createTask: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description Scoped to the credential (the app user, or one API key). Same key and body: the first answer again, a refusal as it was, a created resource as it is now. Same key with another body, or from another credential: 422. */
                readonly "Idempotency-Key"?: string;
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["TaskBody"];
            };
        };
        readonly responses: {
            /** @description The task (often already charged with a fast provider) */
            readonly 201: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["TaskDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Insufficient credits in the pool the channel draws on (`pool`, `available`, `required`) */
            readonly 402: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used before with a different request, or by another credential of the account */
            readonly 422: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly TasksController_getTask: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The task’s id (`task_id` in the answer that created it) */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["TaskDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly TasksController_adoptTask: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description Scoped to the credential (the app user, or one API key). Same key and body: the first answer again, a refusal as it was, a created resource as it is now. Same key with another body, or from another credential: 422. */
                readonly "Idempotency-Key"?: string;
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The task’s id (`task_id` in the answer that created it) */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["TaskDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used before with a different request, or by another credential of the account */
            readonly 422: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly TasksController_cancelTask: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description Scoped to the credential (the app user, or one API key). Same key and body: the first answer again, a refusal as it was, a created resource as it is now. Same key with another body, or from another credential: 422. */
                readonly "Idempotency-Key"?: string;
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The task’s id (`task_id` in the answer that created it) */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["TaskDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used before with a different request, or by another credential of the account */
            readonly 422: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly AccountController_usage: {
        readonly parameters: {
            readonly query?: {
                /** @description First day, inclusive */
                readonly from?: string;
                /** @description Also break the charges down by API key (`key`) or by member (`member`), in `groups` */
                readonly group_by?: "key" | "member";
                /** @description Only usage of this pool; absent: every pool */
                readonly pool?: string;
                /** @description Last day, inclusive (default today, UTC); at most 366 days after from */
                readonly to?: string;
            };
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["UsageDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly TasksController_utilisation: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["UtilisationDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly WebhookEndpointsController_list: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookEndpointListDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly WebhookEndpointsController_create: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description Scoped to the credential (the app user, or one API key). Same key and body: the first answer again, a refusal as it was, a created resource as it is now. Same key with another body, or from another credential: 422. */
                readonly "Idempotency-Key"?: string;
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["WebhookEndpointBody"];
            };
        };
        readonly responses: {
            readonly 201: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookEndpointWithSecretDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Idempotency-Key was used before with a different request, or by another credential of the account */
            readonly 422: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly WebhookEndpointsController_get: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The endpoint’s id */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookEndpointDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly WebhookEndpointsController_remove: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The endpoint’s id */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookEndpointDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly WebhookEndpointsController_update: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The endpoint’s id */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["WebhookEndpointChangesBody"];
            };
        };
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookEndpointDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly WebhookEndpointsController_deliveries: {
        readonly parameters: {
            readonly query?: {
                /** @description At most this many (default 100) */
                readonly limit?: number;
            };
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The endpoint’s id */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookDeliveryListDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly WebhookEndpointsController_replay: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The delivery’s id (`id` in the delivery log) */
                readonly deliveryId: string;
                /** @description The endpoint’s id */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            readonly 202: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookDeliveryDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly WebhookEndpointsController_rotateSecret: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /** @description The organisation to act in, one the signed-in user is a member of (`GET /v1/organisations` lists them); absent: the token’s `org` claim, else the user’s own. Not a member, or no such organisation: 403, the same answer either way. An API key acts in its own organisation only (another id: 403). */
                readonly "X-Organisation-Id"?: string;
            };
            readonly path: {
                /** @description The endpoint’s id */
                readonly id: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: {
            readonly content: {
                readonly "application/json": components["schemas"]["RotateSecretBody"];
            };
        };
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookEndpointWithSecretDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid API key or token (`WWW-Authenticate` says the Bearer scheme) */
            readonly 401: {
                headers: {
                    readonly "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden: the plan lacks an entitlement (`entitlement`), or the caller may not do this */
            readonly 403: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Rate limited (`Retry-After`, `RateLimit`), or the concurrency limit (`limit`, `running`; `Retry-After` is a hint, or send `queue: true`) */
            readonly 429: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly RateLimit: components["headers"]["RateLimit"];
                    readonly "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly WebhooksController_generation: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": {
                    readonly [key: string]: unknown;
                };
            };
        };
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookOutcomeDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    readonly WebhooksController_payment: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The payment provider that signed the notification */
                readonly provider: "sandbox" | "stripe";
            };
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": {
                    readonly [key: string]: unknown;
                };
            };
        };
        readonly responses: {
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookOutcomeDto"];
                };
            };
            /** @description Validation: every bad field is listed in `errors` */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found (another account’s resources are not found either) */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict with the current state */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large */
            readonly 413: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The URI (a path parameter) is too long */
            readonly 414: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not JSON */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A service behind the gateway, or the message bus, is unavailable or did not answer in time (`Retry-After`) */
            readonly 503: {
                headers: {
                    readonly "Retry-After": components["headers"]["Retry-After"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
}
