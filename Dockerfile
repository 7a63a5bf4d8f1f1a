# syntax=docker/dockerfile:1
# Build: compile the server (dist/) and the web client (web/dist/) with the dev dependencies, then drop them.
FROM node:20-bookworm-slim AS build
# sqlite3 and bcrypt are native modules: when no prebuilt binary matches, npm compiles them with these.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY web ./web
RUN npm run build \
 && mkdir -p web/dist \
 && npm prune --omit=dev --no-audit --no-fund

# Run: production dependencies, the compiled server, and what it reads at run time.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SQLITE_PATH=/app/data/with-me.sqlite \
    UPLOAD_DIR=/app/uploads
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
# Migrations and seeders run on start; .sequelizerc + db.config.js let `npx sequelize-cli db:migrate` run them too.
COPY migrations ./migrations
COPY seeders ./seeders
COPY public ./public
COPY .sequelizerc db.config.js ./
RUN mkdir -p data uploads && chown node:node data uploads
USER node
# The embedded SQLite file and the uploaded images must outlive the container.
VOLUME ["/app/data", "/app/uploads"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# JWT_SECRET is required with NODE_ENV=production: pass it at run time (docker run -e JWT_SECRET=...).
CMD ["node", "--max-semi-space-size=64", "dist/main.js"]
