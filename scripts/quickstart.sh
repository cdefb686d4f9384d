#!/usr/bin/env bash
# Quick start: set up, build, and evaluate two example cases on the embedded
# law: a PNS absent without valid reason for 15 working days in 2025 (PP
# 94/2021), and a PNS teacher who liked and shared a regent candidate's post
# during the Pilkada 2024 campaign (the 2022 joint decree on neutrality).
set -euo pipefail
cd "$(dirname "$0")/.."
NETRA_CMAKE_ARGS="-DNETRA_BUILD_TESTS=OFF ${NETRA_CMAKE_ARGS:-}" NETRA_BUILD_DIR=build-quickstart bash scripts/setup.sh
./build-quickstart/netra evaluate examples/absence_15_days_2025.json --text
echo
./build-quickstart/netra evaluate examples/neutrality_teacher_likes_candidate_post_pilkada_2024.json --text
