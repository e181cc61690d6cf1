# One image for every service of the distributed deployment: SERVICE selects which one
# runs (pricing, wallet, purchase, tasks). Node 24 runs the TypeScript sources with tsx,
# as `npm start` does; configuration comes from the environment (see
# libs/platform/config), checked at start-up.
#
# Not built or run here: this machine has no Docker engine. `npm run start:distributed`
# runs the same processes without containers.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 builds its native addon when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts=false && npm install --no-save tsx@4.23.15

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    TRANSPORT=kafka \
    DATA_DIR=/data \
    PRICE_BOOKS_DIR=/app/price-books
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY apps ./apps
COPY price-books ./price-books
VOLUME /data
USER node
# The platform app runs the one service SERVICE names (without it, it would run them all
# embedded); an unknown name is refused by the configuration check.
CMD ["sh", "-c", ": \"${SERVICE:?SERVICE must name the service to run}\" && exec node --import tsx apps/platform/src/main.ts"]
